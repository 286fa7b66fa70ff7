// Names of statuses, terms and metrics in both languages.
#include "i18n.hpp"

namespace viewer {

const char* statusName(chainatlas::Lang lang, int status) {
    static const char* zh[] = {"优势", "薄弱 (强链)", "断点 (补链)", "可延伸 (延链)", "无"};
    static const char* en[] = {"strong", "weak (strengthen)", "gap (fill)", "extension (extend)", "absent"};
    return lang == chainatlas::Lang::Zh ? zh[status] : en[status];
}

const char* termName(chainatlas::Lang lang, int term) {
    static const char* zh[] = {"契合", "以商招商", "枢纽配套", "链主", "关联密度", "三高三低", "科技招商"};
    static const char* en[] = {"fit", "anchor", "hub", "leader", "density", "profile", "innovation"};
    return lang == chainatlas::Lang::Zh ? zh[term] : en[term];
}

const char* metricName(chainatlas::Lang lang, int metric) {
    static const char* zh[] = {"研发强度", "利润", "增长", "污染", "能耗", "用地"};
    static const char* en[] = {"R&D intensity", "profit", "growth", "pollution", "energy", "land"};
    return lang == chainatlas::Lang::Zh ? zh[metric] : en[metric];
}

const char* allInterfaceText() {
    // Every non-ASCII character of the viewer's sources (test_viewer checks that none is missing), and of the
    // core words it shows: checklist titles and states, statuses and advice.
    return "·×Δ“”…←→▲▼、。一三上与业个中为主之也了争产仍以件企优会伸位低供保信候假做免入全关写出击分划利到前动势勾化区单占"
           "卡参双发变口可号各合同名商图在地域增备复大夹契套子字存定家密导小尚局层屏展已布帧平应度延开引弱强当径得态恢情或打扣找把折"
           "拖招指技按据排搜撤收放数文断新无明景最有未本权来析枢染查标正此每污没法注润清源滚点然照状独献环用百的目相看研科移窗站竞系索纽"
           "编缩置耗联能脖自节英薄行补被规视计认设话该详谱贡购起路轮载辑近进退适选避部都配采重链销锂错长闭问面项题高默，"
           "§—事人作公制办功务十台司含告品园固国基头完对尾工巩并建待成所批报择搭支暂服期机构比牌特盛立组结聚色让议负责资造金限院随集须龙";
}

}  // namespace viewer
