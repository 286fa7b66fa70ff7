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
    // Every non-ASCII character of the viewer's sources (test_viewer checks that none is missing).
    return "§«·»×Δω–—“”…←↑→▲▼　、。〈〉《》「」『』【】・一三上不与且业个中为主之也了争产仅仍他以件价企优会伸位低作"
           "使供保信候值假做先免入全关其写出击分划利到前力动势勾化区升单占卡参双发取变口可号各合同名后吸和商固图在地域增备复多大夹契"
           "套子字存定家密对导小尚局层屏展巩已布帧平并应度延建开引弱强当径得态性总恢情成或户打扣找技把折拖招择指按据排接搜摊撤收改放"
           "数文断新无明景最有未本机权来板析果枢染查标正此母每比污没法注消润清源滚点然照状独献环用百的目相看研科移程窗站竞系索级纽继"
           "续编缩置耗联能脖自节英落薄行补被要规视计认让议设话该详说谱贡购起越路转轮载辑近进退适选避邻部都配采重量链销锂错长闭问需面"
           "项题高默（），－";
}

}  // namespace viewer
