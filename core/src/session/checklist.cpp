// What the data says about the 十个一 checklist items, in words.
#include "chainatlas/analysis/support.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/session/session.hpp"

namespace chainatlas {

std::string checklistEvidenceText(const Chain& chain, int region, int item, Lang lang) {
    std::string key = kChecklistKeys[item];
    bool zh = lang == Lang::Zh;
    const char* comma = zh ? "、" : ", ";
    ChecklistEvidence evidence = checklistEvidence(chain, region);
    auto resources = [&](const std::vector<int>& list) {
        return joinMapped(list, comma,
                          [&](int r) { return chain.resources[r].name.pick(lang, chain.resources[r].id); });
    };
    if (key == "institutes") return resources(evidence.institutes);
    if (key == "fund") return resources(evidence.funds);
    if (key == "platforms") return resources(evidence.platforms);
    if (key == "service") return resources(evidence.services);
    if (key != "leaders") return {};
    if (evidence.leaders.empty()) return zh ? "本地暂无链主企业" : "no chain leader in the region yet";
    return std::string(zh ? "本地链主: " : "local chain leaders: ") +
           joinMapped(evidence.leaders, comma, [&](int f) { return firmName(chain, f, lang); });
}

}  // namespace chainatlas
