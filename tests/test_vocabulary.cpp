// The planner's words (vocabulary module): both languages, no data, no candidate, what-if sentences.
#include <doctest/doctest.h>

#include <cstring>

#include "chainatlas/analysis/vocabulary.hpp"
#include "helpers.hpp"

using namespace chainatlas;

namespace {
bool hasAsciiLetter(const char* text) {
    for (const char* c = text; *c; ++c)
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')) return true;
    return false;
}
}  // namespace

TEST_CASE("Chinese words contain no Latin letter — English words are the JSON keys or plain words") {
    for (int s = 0; s < 5; ++s) CHECK_FALSE(hasAsciiLetter(statusWord(static_cast<SegmentStatus>(s), Lang::Zh)));
    for (int a = 0; a < 7; ++a) CHECK_FALSE(hasAsciiLetter(adviceWord(static_cast<Advice>(a), Lang::Zh)));
    for (int t = 0; t < kTermCount; ++t) CHECK_FALSE(hasAsciiLetter(termWord(t, Lang::Zh)));
    for (int m = 0; m < kMetricCount; ++m) CHECK_FALSE(hasAsciiLetter(metricWord(m, Lang::Zh)));
    for (int b = 0; b < 4; ++b) CHECK_FALSE(hasAsciiLetter(basisWord(static_cast<Basis>(b), Lang::Zh)));
    for (int c = 0; c < 3; ++c) CHECK_FALSE(hasAsciiLetter(causeWord(static_cast<ChangeCause>(c), Lang::Zh)));
    CHECK(std::string(statusWord(SegmentStatus::Gap, Lang::Zh)) == "断点");
    CHECK(std::string(adviceWord(Advice::Leave, Lang::Zh)) == "错位避让");
    CHECK(std::string(adviceWord(Advice::Complement, Lang::Zh)) == "错位配套");
    CHECK(std::string(termWord(TermInnovation, Lang::Zh)) == "科技招商");
    CHECK(std::string(termWord(TermFit, Lang::En)) == "fit");
    CHECK(std::string(noDataWord(Lang::Zh)) == "无数据");
    CHECK(std::string(noCandidateWord(Lang::Zh)) == "无候选企业");
    CHECK(std::string(basisWord(Basis::None, Lang::En)) == "no data");
    // The unscored label begins with the advice word of the segments it lists (the hub holds them).
    CHECK_FALSE(hasAsciiLetter(unscoredLabel(Lang::Zh)));
    CHECK(std::string(unscoredLabel(Lang::Zh)).rfind(adviceWord(Advice::Leave, Lang::Zh), 0) == 0);
    CHECK(std::string(unscoredLabel(Lang::En)) == "hub holds, not scored");
}

TEST_CASE("a what-if change in words") {
    Chain chain = test::chainFromFile(std::string(CHAINATLAS_TEST_DATA_DIR) + "/good/mini.json");
    StatusChange share{findSegment(chain, "d"), SegmentStatus::Strong, SegmentStatus::Weak, ChangeCause::Share};
    CHECK(describeChange(chain, share, Lang::Zh) == "整车: 优势 → 薄弱 — 新增企业摊薄了本地占比");
    CHECK(describeChange(chain, share, Lang::En) == "Vehicle: strong → weak — the added firms diluted the local share");
    StatusChange site{findSegment(chain, "b"), SegmentStatus::Gap, SegmentStatus::Weak, ChangeCause::Site};
    CHECK(describeChange(chain, site, Lang::Zh) == "正极: 断点 → 薄弱 — 假设的企业在本地落户该环节");
}

TEST_CASE("no candidate: only for a segment to act on") {
    SegmentResult r;
    r.advice = Advice::Fill;
    CHECK(lacksCandidate(r));
    r.candidates = 1;
    CHECK_FALSE(lacksCandidate(r));
    r.candidates = 0;
    r.advice = Advice::Leave;
    CHECK_FALSE(lacksCandidate(r));
    r.advice = Advice::Keep;
    CHECK_FALSE(lacksCandidate(r));
}
