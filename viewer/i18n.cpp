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
    return "§«·»×Δω–—“”…←↑→▲▼　、。〈〉《》「」『』【】・一三上不与且业个中为主之也了争事产人仅仍他以件价企优会伸位"
           "低作使供保信候值假做先免入全公关其写出击分划利到制前力办功务动势勾化区十升单占卡参双发取变口可台号司各合同名后含吸告和品"
           "商园固国图在地域基增备复多大头夹契套子字存完定家密对导小尚尾局层屏展工巩已布帧平并应度延建开引弱强当径待得态性总恢情成或"
           "户所打扣批找技把折报拖招择指按据排接搜搭摊撤支收改放数文断新无明景暂最有服期未本机权来板构析果枢染查标正此母每比污没法注"
           "消润清源滚点然照牌特状独献环用百的盛目相看研科移程窗立站竞系索级纽组结继续编缩置耗联聚能脖自色节英落薄行补被要规视计认让"
           "议设话该详说谱负贡责购资起越路转轮载辑近进退适选造避邻部都配采重量金链销锂错长闭问限院随集需面项须题高默龙（），－"
           "养创四培实室心才投撑术校淡生空等衍许证验融"            // the four chains: resources, ties, marks
           "下乘从任内列加厂围场外好客差市录括推时是次率范记货："  // v3: rank ranges, inferred, markets, 本地配套率
           "另吗命它条盖称筛覆请这"                                // saving over files, the region filter
           "例"                                                    // the legend folds
           "串于否少属式必意持效普束格知符缺警语误读象通键顶";     // problems in Chinese (explain.cpp)
}

}  // namespace viewer
