#!/usr/bin/python3
"""A vectorised numpy peer of `chainatlas analyze`, written from docs/method.md, for bench/run.sh's ratio.

It reads the same chainatlas/1 JSON file (Python's json module, C-accelerated) and computes, for one focal
region and its hubs:
  §2 X(r,s), n(r,s), RCA, M (C-graded sites left out, a missing output counts 1, no splitting);
  §3 statuses (reachability along links); §4 hub_strong, occupied, complement, candidates, single_source;
  §5 advice; §6 proximity and density; §7 firm profiles (percentiles among firms) and segment profiles;
  §8 candidates, set-aside firms and targets with all seven terms (anchors and hub partners through counted
  supplies with named or inferred plants; innovation through counted ties), scores, the order (score rounded
  to 9 decimals, then firm id) and §9 rank ranges (14 weight variants).
Not covered: §10 priorities, §12 four-chain support and transfer, §13 local supply share, what-if, the
explanation lists (which anchors, which resources) and custom weights. It writes segments and targets as
JSON (-o) so that its end-to-end time includes an output, as `analyze --format json -o` does.

Usage: numpy_peer.py CHAIN.json --region R [--hub H ...] [-o OUT.json] [--check CHAINATLAS_OUT.json]
--check compares its numbers with chainatlas's JSON output of the same analysis and exits 1 on a difference.
"""
import argparse
import json
import sys
import time
from operator import itemgetter

import numpy as np

METRICS = ["tech", "profit", "growth", "pollution", "energy", "land"]  # the last three: lower is better
WEIGHTS = {"fit": 3.0, "anchor": 2.0, "hub": 1.0, "leader": 1.0, "density": 1.0, "profile": 2.0, "innovation": 1.0}
TERMS = list(WEIGHTS)
OCCUPIED_DISCOUNT = 1.0
STATUS = np.array(["strong", "weak", "gap", "extension", "absent"])


def index_of(items):
    return {item["id"]: k for k, item in enumerate(items)}


def counted(fact):
    return fact.get("confidence") != "C"


def read_sites(firms, region_ix, segment_ix):
    """Flat arrays: one row per (counted site, segment) pair, and per firm whether it has any metric."""
    pair_firm, pair_region, pair_segment, pair_output = [], [], [], []
    for f, firm in enumerate(firms):
        for site in firm.get("sites", ()):
            if not counted(site):
                continue
            r, o = region_ix[site["region"]], site.get("output", 1.0)
            for s in site["segments"]:
                pair_firm.append(f)
                pair_region.append(r)
                pair_segment.append(segment_ix[s])
                pair_output.append(o)
    return (np.array(pair_firm, dtype=np.int64), np.array(pair_region, dtype=np.int64),
            np.array(pair_segment, dtype=np.int64), np.array(pair_output, dtype=np.float64))


def metric_matrix(items):
    metrics = [item.get("metrics", {}) for item in items]
    values = np.full((len(items), len(METRICS)), np.nan)
    for m, key in enumerate(METRICS):
        values[:, m] = np.fromiter((x.get(key, np.nan) for x in metrics), np.float64, len(items))
    return values


def profiles(values):
    """§7: the mean over six metrics of each item's percentile among the items with that metric (0.5 if absent)."""
    q = np.full(values.shape, 0.5)
    for m in range(values.shape[1]):
        has = ~np.isnan(values[:, m])
        v = values[has, m]
        if v.size <= 1:
            continue
        ordered = np.sort(v)
        less = np.searchsorted(ordered, v, "left")
        equal = np.searchsorted(ordered, v, "right") - less
        q[has, m] = (less + 0.5 * (equal - 1)) / (v.size - 1)
    q[:, 3:] = 1.0 - q[:, 3:]
    return q.mean(axis=1), ~np.isnan(values).all(axis=1)


def presence(pairs, n_regions, n_segments):
    """§2: X, n, RCA and M over regions x segments."""
    _, region, segment, output = pairs
    cell = region * n_segments + segment
    x = np.bincount(cell, weights=output, minlength=n_regions * n_segments).reshape(n_regions, n_segments)
    n = np.bincount(cell, minlength=n_regions * n_segments).reshape(n_regions, n_segments)
    row, column, total = x.sum(axis=1, keepdims=True), x.sum(axis=0, keepdims=True), x.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        rca = np.where((row > 0) & (column > 0) & (total > 0), (x / row) / (column / total), 0.0)
    return x, n, rca, (n >= 1) & (rca >= 1.0 - 1e-9)


def density(m, region):
    """§6: proximity phi and the focal region's density omega."""
    mf = m.astype(np.float64)
    both = mf.T @ mf
    k = mf.sum(axis=0)
    larger = np.maximum.outer(k, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(larger > 0, both / larger, 0.0)
    np.fill_diagonal(phi, 0.0)
    numerator, denominator = phi @ mf[region], phi.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, 0.0)


def reach(adjacency, start):
    reached = start.copy()
    frontier = start.copy()
    while frontier.any():
        frontier = (adjacency.T.astype(np.int32) @ frontier.astype(np.int32) > 0) & ~reached
        reached |= frontier
    return reached


def segment_analysis(n, rca, m, adjacency, region, hubs, market):
    """§3-§5: status, hub_strong, occupied, complement and advice of every segment."""
    present = n[region] >= 1
    strong, weak = present & m[region], present & ~m[region]
    gap = ~present & reach(adjacency, present) & reach(adjacency.T, present)
    linked = (adjacency.astype(np.int32) @ present.astype(np.int32) > 0) | \
             (adjacency.T.astype(np.int32) @ present.astype(np.int32) > 0)
    extension = ~present & ~gap & linked
    status = np.select([strong, weak, gap, extension], [0, 1, 2, 3], 4)
    hub_strong = m[hubs].any(axis=0) if len(hubs) else np.zeros(len(present), bool)
    occupied = hub_strong & ~strong
    complement = ~strong & ~hub_strong & (adjacency.astype(np.int32) @ hub_strong.astype(np.int32) > 0)
    advice = np.select([strong, occupied, complement, gap, weak, extension],
                       ["keep", "leave", "complement", "fill", "strengthen", "extend"], "none")
    value = np.select([status == 2, status == 3, status == 1], [1.0, 0.6, 0.4], 0.0)
    value = np.where(complement, np.maximum(value, 0.8), value)
    value = np.where(market, 0.0, value)
    return status, hub_strong, occupied, complement, advice, value


def firm_segments(pairs, n_segments):
    """Unique (firm, segment) pairs of counted sites."""
    firm, _, segment, _ = pairs
    key = np.unique(firm * n_segments + segment)
    return key // n_segments, key % n_segments


def partner_terms(chain, firm_ix, region_ix, local, in_hub, region, hubs, n_firms):
    """§8: distinct local partners a per firm and whether it supplies a hub plant (one record counts once)."""
    supplies = chain.get("supplies", [])
    keep = np.fromiter((x.get("confidence") != "C" for x in supplies), bool, len(supplies))
    frm = np.fromiter(map(firm_ix.__getitem__, map(itemgetter("from"), supplies)), np.int64, len(supplies))[keep]
    to = np.fromiter(map(firm_ix.__getitem__, map(itemgetter("to"), supplies)), np.int64, len(supplies))[keep]
    from_region = np.fromiter((region_ix.get(x.get("from_region"), -1) for x in supplies), np.int64,
                              len(supplies))[keep]
    to_region = np.fromiter((region_ix.get(x.get("to_region"), -1) for x in supplies), np.int64,
                            len(supplies))[keep]
    sold_anchor = local[to] & ((to_region < 0) | (to_region == region))
    bought_anchor = local[frm] & ((from_region < 0) | (from_region == region))
    pair = np.concatenate([frm[sold_anchor] * n_firms + to[sold_anchor],
                           to[bought_anchor] * n_firms + frm[bought_anchor]])
    anchors = np.bincount(np.unique(pair) // n_firms, minlength=n_firms)
    to_hub = np.where(to_region >= 0, np.isin(to_region, hubs), in_hub[to]) & ~sold_anchor
    supplies_hub = np.bincount(frm[to_hub], minlength=n_firms) > 0
    return np.minimum(anchors, 3) / 3.0, (supplies_hub & ~in_hub).astype(np.float64)


def innovation_term(chain, firm_ix, region, hubs, n_firms):
    """§12: 1 for a counted tie to a counted resource in the region, else 0.5 for one in a hub, else 0."""
    resources = chain.get("resources", [])
    term = np.zeros(n_firms)
    if not resources:
        return term
    region_ids = {r["id"]: k for k, r in enumerate(chain["regions"])}
    where = {x["id"]: (region_ids[x["region"]], counted(x)) for x in resources}
    for tie in chain.get("ties", ()):
        r, ok = where[tie["resource"]]
        if not ok or not counted(tie):
            continue
        f = firm_ix[tie["firm"]]
        term[f] = max(term[f], 1.0 if r == region else 0.5 if r in hubs else 0.0)
    return term


def rank_order(scores, id_order):
    """Positions by score (rounded to 9 decimals) descending, ties by firm id: a stable sort over id order."""
    key = np.rint(scores[id_order] * 1e9)
    return id_order[np.argsort(-key, kind="stable")]


def targets(chain, ix, pairs, seg, region, hubs, density_of, segment_profile, segment_has_data):
    firm_ix, region_ix, segment_ix = ix
    firms = chain["firms"]
    n_firms, n_segments = len(firms), len(chain["segments"])
    status, hub_strong, occupied, complement, advice, value = seg
    earned_value = np.where(occupied, value * (1.0 - OCCUPIED_DISCOUNT), value)
    pf, ps = firm_segments(pairs, n_segments)
    local = np.zeros(n_firms, bool)
    local[pairs[0][pairs[1] == region]] = True
    in_hub = np.zeros(n_firms, bool)
    in_hub[pairs[0][np.isin(pairs[1], hubs)]] = True
    valued = (value[ps] > 0) & ~local[pf]
    candidate = np.bincount(pf[valued], minlength=n_firms) > 0
    earned = valued & (earned_value[ps] > 0)
    fit = np.zeros(n_firms)
    np.maximum.at(fit, pf[earned], earned_value[ps[earned]])
    dens = np.zeros(n_firms)
    np.maximum.at(dens, pf[earned], density_of[ps[earned]])
    with_data = earned & segment_has_data[ps]
    count = np.bincount(pf[with_data], minlength=n_firms)
    total = np.bincount(pf[with_data], weights=segment_profile[ps[with_data]], minlength=n_firms)
    firm_profile, has_metric = profiles(metric_matrix(firms))
    with np.errstate(divide="ignore", invalid="ignore"):
        profile = np.where(has_metric, firm_profile, np.where(count > 0, total / count, 0.5))
    anchor, hub = partner_terms(chain, firm_ix, region_ix, local, in_hub, region, hubs, n_firms)
    leader = np.array([bool(f.get("leader", False)) for f in firms], dtype=np.float64)
    innovation = innovation_term(chain, firm_ix, region, hubs, n_firms)
    terms = np.stack([fit, anchor, hub, leader, dens, profile, innovation], axis=1)
    ranked = np.flatnonzero(candidate & (fit > 0))
    set_aside = np.flatnonzero(candidate & ~(fit > 0))
    weights = np.array([WEIGHTS[t] for t in TERMS])
    ids = np.array([firms[f]["id"] for f in ranked])
    id_order = np.argsort(ids, kind="stable")
    order = rank_order(terms[ranked] @ weights, id_order)
    rank = np.empty(len(ranked), np.int64)
    rank[order] = np.arange(1, len(ranked) + 1)
    best, worst = rank.copy(), rank.copy()
    for t in range(len(TERMS)):
        for factor in (0.5, 1.5):
            variant = weights.copy()
            variant[t] *= factor
            position = np.empty(len(ranked), np.int64)
            position[rank_order(terms[ranked] @ variant, id_order)] = np.arange(1, len(ranked) + 1)
            best, worst = np.minimum(best, position), np.maximum(worst, position)
    return ranked[order], terms[ranked[order]], weights, best[order], worst[order], set_aside


def analyse(chain, region_id, hub_ids):
    segments, regions, firms = chain["segments"], chain["regions"], chain["firms"]
    segment_ix, region_ix, firm_ix = index_of(segments), index_of(regions), index_of(firms)
    region, hubs = region_ix[region_id], np.array([region_ix[h] for h in hub_ids], dtype=np.int64)
    pairs = read_sites(firms, region_ix, segment_ix)
    x, n, rca, m = presence(pairs, len(regions), len(segments))
    adjacency = np.zeros((len(segments), len(segments)), bool)
    for link in chain.get("links", ()):
        adjacency[segment_ix[link["from"]], segment_ix[link["to"]]] = True
    market = np.array([bool(s.get("market", False)) for s in segments])
    seg = segment_analysis(n, rca, m, adjacency, region, hubs, market)
    density_of = density(m, region)
    segment_profile, segment_has_data = profiles(metric_matrix(segments))
    segment_profile = np.where(segment_has_data, segment_profile, 0.5)
    pf, ps = firm_segments(pairs, len(segments))
    local = np.zeros(len(firms), bool)
    local[pairs[0][pairs[1] == region]] = True
    candidates = np.where(market, 0, np.bincount(ps[~local[pf]], minlength=len(segments)))
    single = np.bincount(ps, minlength=len(segments)) == 1
    found = targets(chain, (firm_ix, region_ix, segment_ix), pairs, seg, region, hubs, density_of,
                    segment_profile, segment_has_data)
    return dict(segments=segments, firms=firms, x=x[region], n=n[region], rca=rca[region], seg=seg,
                density=density_of, candidates=candidates, single=single, profile=segment_profile,
                targets=found)


def result_json(a):
    status, hub_strong, occupied, complement, advice, _ = a["seg"]
    segments = [{"id": s["id"], "status": str(STATUS[status[k]]), "advice": str(advice[k]), "rca": float(a["rca"][k]),
                 "output": float(a["x"][k]), "sites": int(a["n"][k]), "density": float(a["density"][k]),
                 "candidates": int(a["candidates"][k]), "hub_strong": bool(hub_strong[k]),
                 "occupied": bool(occupied[k]), "complement": bool(complement[k]),
                 "single_source": bool(a["single"][k]), "profile": float(a["profile"][k])}
                for k, s in enumerate(a["segments"])]
    firms, weights = a["firms"], a["targets"][2]
    ranked, terms, _, best, worst, set_aside = a["targets"]
    weighted = terms * weights
    columns = [list(zip(terms[:, j].tolist(), weighted[:, j].tolist())) for j in range(len(TERMS))]
    targets = [{"firm": firms[f]["id"], "rank": k + 1, "rank_range": [b, w], "score": score,
                "terms": {t: {"value": columns[j][k][0], "weighted": columns[j][k][1]} for j, t in enumerate(TERMS)}}
               for k, (f, b, w, score) in enumerate(zip(ranked.tolist(), best.tolist(), worst.tolist(),
                                                         (terms @ weights).tolist()))]
    return {"segments": segments, "targets": targets, "set_aside": sorted(firms[f]["id"] for f in set_aside)}


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def check(mine, theirs):
    """Differences between this peer's result and chainatlas's JSON output (an empty list when they agree)."""
    problems = []
    for p, c in zip(mine["segments"], theirs["segments"]):
        for key in ("status", "advice", "sites", "candidates", "hub_strong", "occupied", "complement",
                    "single_source"):
            if p[key] != c[key]:
                problems.append(f"segment {p['id']} {key}: {p[key]} vs {c[key]}")
        for key in ("rca", "output", "density", "profile"):
            if not close(p[key], c[key]):
                problems.append(f"segment {p['id']} {key}: {p[key]} vs {c[key]}")
    if len(mine["targets"]) != len(theirs["targets"]):
        problems.append(f"targets: {len(mine['targets'])} vs {len(theirs['targets'])}")
    for p, c in zip(mine["targets"], theirs["targets"]):
        if p["firm"] != c["firm"] or p["rank_range"] != c["rank_range"] or not close(p["score"], c["score"]):
            problems.append(f"rank {p['rank']}: {p['firm']} {p['score']} {p['rank_range']} vs "
                            f"{c['firm']} {c['score']} {c['rank_range']}")
        for t in TERMS:
            if not close(p["terms"][t]["value"], c["terms"][t]["value"]):
                problems.append(f"rank {p['rank']} {t}: {p['terms'][t]['value']} vs {c['terms'][t]['value']}")
    if mine["set_aside"] != [s["firm"] for s in theirs["set_aside"]]:
        problems.append("set_aside differs")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chain")
    parser.add_argument("--region", required=True)
    parser.add_argument("--hub", action="append", default=[])
    parser.add_argument("-o", "--output")
    parser.add_argument("--check")
    args = parser.parse_args()
    start = time.perf_counter()
    with open(args.chain, "rb") as f:
        chain = json.load(f)
    loaded = time.perf_counter()
    result = result_json(analyse(chain, args.region, args.hub))
    analysed = time.perf_counter()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False)  # no indent: the C encoder
    done = time.perf_counter()
    print(f"load {loaded - start:.3f}\nanalyse {analysed - loaded:.3f}\nwrite {done - analysed:.3f}\n"
          f"total {done - start:.3f}\ntargets {len(result['targets'])}")
    if args.check:
        with open(args.check, "rb") as f:
            problems = check(result, json.load(f))
        for problem in problems[:20]:
            print("differs:", problem, file=sys.stderr)
        print(f"check {'agrees' if not problems else f'{len(problems)} differences'}")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
