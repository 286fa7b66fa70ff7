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

}  // namespace fixtures
