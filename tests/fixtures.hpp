// Small chains computed by hand, shared by the analysis, target and SVG tests; the arithmetic is in the comments.
#pragma once

namespace fixtures {

// Links p -> q -> r -> g -> s -> t; u stands alone. Region L: p (3), s (1). Region O: p (1), s (3).
// X rows: L = 4, O = 4; columns p = 4, s = 4; total 8.
// RCA(L,p) = (3/4)/(4/8) = 1.5 -> strong; RCA(L,s) = (1/4)/(4/8) = 0.5 -> weak.
// q, r, g: reached from p and reaching s -> gap (g only through the two non-present q and r).
// t: not between present segments, directly after s -> extension. u: no link -> absent.
inline const char* kFiveStatuses = R"({"format": "chainatlas/1", "chain": {"id": "five"},
  "segments": [{"id": "p"}, {"id": "q"}, {"id": "r"}, {"id": "g"}, {"id": "s"}, {"id": "t"}, {"id": "u"}],
  "links": [{"from": "p", "to": "q"}, {"from": "q", "to": "r"}, {"from": "r", "to": "g"}, {"from": "g", "to": "s"},
            {"from": "s", "to": "t"}],
  "regions": [{"id": "l"}, {"id": "o"}],
  "firms": [
    {"id": "f1", "sites": [{"region": "l", "segments": ["p"], "output": 3}]},
    {"id": "f2", "sites": [{"region": "l", "segments": ["s"], "output": 1}]},
    {"id": "f3", "sites": [{"region": "o", "segments": ["p"], "output": 1}, {"region": "o", "segments": ["s"], "output": 3}]}
  ]})";

// Segments a -> c, b -> c, c -> d; e alone. Regions F (focal), H1, H2, O; outputs 1.
// F: a. H1: c. H2: d. O: one site in a, b, c, d, e (no splitting: 1 in each).
// Rows F 1, H1 1, H2 1, O 5; columns a 2, b 1, c 2, d 2, e 1; total 8.
// RCA(F,a) = 1/(2/8) = 4; RCA(H1,c) = 4; RCA(H2,d) = 4; RCA(O,b) = RCA(O,e) = (1/5)/(1/8) = 1.6;
// RCA(O,a) = RCA(O,c) = RCA(O,d) = (1/5)/(2/8) = 0.8.
// Status in F: a strong; c extension (a -> c, and c reaches no present segment); b, d, e absent.
inline const char* kHubs = R"({"format": "chainatlas/1", "chain": {"id": "hubs"},
  "segments": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}],
  "links": [{"from": "a", "to": "c"}, {"from": "b", "to": "c"}, {"from": "c", "to": "d"}],
  "regions": [{"id": "f"}, {"id": "h1"}, {"id": "h2"}, {"id": "o"}],
  "firms": [
    {"id": "ff", "metrics": {"tech": 0.1}, "sites": [{"region": "f", "segments": ["a"]}]},
    {"id": "fh1", "leader": true, "metrics": {"tech": 0.3, "pollution": 0.2}, "sites": [{"region": "h1", "segments": ["c"]}]},
    {"id": "fh2", "sites": [{"region": "h2", "segments": ["d"]}]},
    {"id": "fo", "metrics": {"tech": 0.3, "pollution": 0.4}, "sites": [{"region": "o", "segments": ["a", "b", "c", "d", "e"]}]}
  ],
  "supplies": [{"from": "fo", "to": "fh1", "segment": "c"}, {"from": "fh1", "to": "ff", "segment": "c"}]})";

// With focal F and hubs H1, H2: values b absent + complement -> 0.8; c extension -> 0.6, occupied; a strong,
// d and e absent -> 0 (see test_targets.cpp for the scores).

// tests/data/good/planner.json, focal L, hub H (the revised §3: advice, candidates, set-aside, priorities).
// Links m -> p -> v, s -> v, t -> v, m -> q. Outputs (1 unless given):
//   L: f1 m (2).  H: hv v (2), hp p, b p.  O: a s, b s, c p (2), d m.  K: e one site in m and t.
// Rows L 2, H 4, O 5, K 2; columns m 4, p 4, q 0, s 2, t 1, v 2; total 13.
// RCA(L,m) = 1/(4/13) = 3.25; RCA(H,v) = (2/4)/(2/13) = 3.25; RCA(H,p) = (2/4)/(4/13) = 1.625;
// RCA(O,s) = (2/5)/(2/13) = 2.6; RCA(O,p) = (2/5)/(4/13) = 1.3; RCA(O,m) = (1/5)/(4/13) = 0.65;
// RCA(K,m) = (1/2)/(4/13) = 1.625; RCA(K,t) = (1/2)/(1/13) = 6.5.
// M: L {m}, H {p, v}, O {s, p}, K {m, t}; ubiquity m 2, p 2, s 1, t 1, v 1, q 0.
// phi(m,t) = 1/2, phi(p,v) = 1/2, phi(p,s) = 1/2, every other pair 0.
// omega(L,t) = phi(t,m) / phi(t,m) = 1; omega(L,s) = 0 / phi(s,p) = 0; omega(L,p) = 0; q, v, m: 0.
// Status in L: m strong; p, q extension (m -> p, m -> q); s, t, v absent.
// hub_strong: p, v -> occupied p, v; complement: s (s -> v), t (t -> v).
// Advice: m keep, p leave, q extend, s complement, t complement, v leave.
// v(s): q 0.6, s 0.8, t 0.8, p 0.6 (occupied: 0 after the default discount 1.0), m 0, v 0.
// candidates: m 2 (d, e; f1 is local), p 3 (hp, b, c), q 0 (no candidate in the data), s 2 (a, b), t 1 (e), v 1 (hv).
// Segment metrics: tech m 0.01, p 0.03, s 0.05 -> q 0, 0.5, 1; pollution p 0.3, s 0.1 -> q 1, 0 (1 - q: 0, 1).
//   P(m) = (0 + 0.5 + 0.5 + 0.5 + 0.5 + 0.5)/6 = 2.5/6; P(p) = (0.5 + 0.5 + 0.5 + 0 + 0.5 + 0.5)/6 = 2.5/6;
//   P(s) = (1 + 0.5 + 0.5 + 1 + 0.5 + 0.5)/6 = 4/6; q, t, v: 0.5 with basis none.
// Firm metrics: tech b 0.2, c 0.1 -> q 1, 0: profile b = 3.5/6, c = 2.5/6 (basis firm).
// Targets with default weights (fit 3, anchor 2, hub 1, leader 1, density 1, profile 2, innovation 1):
//   e: fit 0.8 (t) -> 2.4; anchor 1/3 (supplies f1) -> 0.666667; density omega(t) = 1 -> 1;
//      profile: no firm metric, t has none -> 0.5 basis none -> 1.0. Score 5.066667.
//   a: fit 0.8 (s) -> 2.4; hub 1 (supplies hv, no site in H) -> 1; profile P(s) = 4/6 basis segment -> 1.333333.
//      Score 4.733333.
//   b: fit max(0.6 * 0 [p], 0.8 [s]) = 0.8 -> 2.4; hub 0 (supplies hv but has a site in H); density 0;
//      profile 3.5/6 basis firm -> 1.166667. Score 3.566667.
//   c (p only) and hp (p only): fit 0 -> set aside, listed as c [p], hp [p]. d (m) and hv (v): earn nothing.
// Priorities: t 2.4 + 1 + 2 * 0.5 = 4.4; s 2.4 + 0 + 2 * 4/6 = 3.733333; q 1.8 + 0 + 2 * 0.5 = 2.8.
inline const char* kPlannerFile = "good/planner.json";

}  // namespace fixtures
