// `chainatlas`: validate, stats, analyze, compare, map, report, convert and template (docs/architecture.md).
// Parses arguments, calls the core, prints.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <memory>
#include <sstream>

#include "chainatlas/analysis/scenario.hpp"
#include "chainatlas/base/file_io.hpp"
#include "chainatlas/base/huge_pages.hpp"
#include "chainatlas/base/text.hpp"
#include "chainatlas/convert/convert.hpp"
#include "chainatlas/documents/document.hpp"
#include "chainatlas/documents/meeting_report.hpp"
#include "chainatlas/load/load.hpp"
#include "chainatlas/map/layout.hpp"
#include "chainatlas/model/stats.hpp"
#include "chainatlas/results/result_writers.hpp"
#include "chainatlas/session/session.hpp"
#include "chainatlas/svg/svg.hpp"
#include "terminal_tables.hpp"

namespace ca = chainatlas;

namespace {

using ca::kExitFailure, ca::kExitOk;

// A failure with a one-line reason and its exit status.
struct Failure {
    int status;
    std::string reason;
};

// Data printed on a terminal: control characters escaped, so a name can never clear the screen.
std::string safe(const std::string& text) { return ca::escapeControls(text, false); }

void printDiagnostics(const std::vector<ca::Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics) std::cerr << safe(ca::formatDiagnostic(d)) << "\n";
}

// Loads and validates; on invalid data prints every problem and throws exit status 2.
ca::Chain loadOrFail(const std::string& path) {
    ca::LoadResult result = ca::loadChainFile(path);
    printDiagnostics(result.diagnostics);
    // A file that cannot be read (missing, a pipe, too large) is exit 1, invalid data exit 2: by kind.
    if (!result.ok()) throw Failure{ca::exitStatusFor(result.diagnostics), ""};
    return std::move(*result.chain);
}

// A failed write or lookup is exit 1 (a wrong call or a file that cannot be written), its message printed.
void orFail(const ca::Status& done) {
    if (!done) throw Failure{kExitFailure, done.error().message};
}

int resolve(const ca::Chain& chain, ca::IdKind kind, const std::string& id) {
    auto index = ca::resolveId(chain, kind, id);
    if (!index) throw Failure{kExitFailure, index.error().message};
    return *index;
}

// --lang, else the session's language, else the locale (docs/method.md §15).
ca::Lang chooseLang(const std::string& flag, const ca::Session* session = nullptr) {
    return ca::chooseLang(flag, session && session->langGiven ? &session->lang : nullptr);
}
constexpr const char* kLangHelp =
    "zh or en; default: the session's lang, else the locale (LC_ALL, LC_MESSAGES, LANG starting with zh: zh), else en";

// Options shared by `analyze` and `map`.
struct AnalysisArgs {
    std::string file, region, weightsFile, sessionFile, format = "table", output, lang, level = "segment",
                                                        view = "chain";
    std::vector<std::string> hubs, assumptions;
    std::size_t top = 0;
};

void addAnalysisOptions(CLI::App* command, AnalysisArgs& args) {
    command->add_option("FILE", args.file, "chain JSON file, CSV folder or .xlsx workbook")->required();
    command->add_option("--region,-r", args.region, "focal region id (required unless --session names one)");
    command->add_option("--hub", args.hubs, "hub region id (repeatable)");
    command->add_option("--weights", args.weightsFile, "JSON object with term weights and occupied_discount");
    command->add_option("--assume", args.assumptions, "what-if: FIRM@REGION[:SEG,SEG...] (repeatable)");
    command->add_option("--lang", args.lang, kLangHelp)->check(CLI::IsMember({"zh", "en"}));
    command->add_option("--session", args.sessionFile,
                        "viewer session (chainatlas-session/1); options given here override it");
}

// The session named by --session, applied to `options`; a broken one is invalid data (exit 2).
ca::Session applySessionFile(const ca::Chain& chain, const AnalysisArgs& args, ca::AnalysisOptions& options) {
    ca::Session session;
    if (args.sessionFile.empty()) return session;
    auto problems = ca::loadSessionFile(args.sessionFile, session);
    if (ca::exitStatusFor(problems) == kExitFailure)  // unreadable: a one-line reason, not a data listing
        throw Failure{kExitFailure, args.sessionFile + ": " + problems[0].message};
    if (problems.empty()) problems = ca::resolveSession(session, chain, args.sessionFile, options);
    printDiagnostics(problems);
    if (!problems.empty()) throw Failure{ca::exitStatusFor(problems), ""};
    return session;
}

// --weights over `base`: the keys the file gives replace those of `base`. Bad weights are invalid data
// (exit 2, located), as they are inside a session.
ca::Weights readWeights(const std::string& file, ca::Weights base) {
    if (file.empty()) return base;
    auto problems = ca::loadWeightsFile(file, base);
    printDiagnostics(problems);
    if (!problems.empty()) throw Failure{ca::exitStatusFor(problems), ""};
    return base;
}

// A call that cannot succeed is refused before the chain is read: a national file takes seconds to load.
void requireRegion(const AnalysisArgs& args) {
    if (args.region.empty() && args.sessionFile.empty())
        throw Failure{kExitFailure, "--region is required (or a --session that names one)"};
}

// The session first, then every option given on the command line over it.
ca::AnalysisOptions buildOptions(const ca::Chain& chain, const AnalysisArgs& args, ca::Session* sessionOut = nullptr) {
    ca::AnalysisOptions options;
    ca::Session session = applySessionFile(chain, args, options);
    if (sessionOut) *sessionOut = session;
    if (!args.region.empty()) options.region = resolve(chain, ca::IdKind::Region, args.region);
    if (options.region < 0) throw Failure{kExitFailure, "--region is required (or a --session that names one)"};
    if (!args.hubs.empty()) options.hubs.clear();
    if (!args.assumptions.empty()) options.assumptions.clear();
    for (const auto& hub : args.hubs) {
        int h = resolve(chain, ca::IdKind::Region, hub);
        if (std::find(options.hubs.begin(), options.hubs.end(), h) == options.hubs.end()) options.hubs.push_back(h);
    }
    for (const auto& text : args.assumptions) {
        auto assumption = ca::parseAssumption(chain, text);
        if (!assumption) throw Failure{kExitFailure, "--assume " + assumption.error().message};
        options.assumptions.push_back(*assumption);
    }
    // The focal region is no hub of its own (a hub is the neighbour it complements): left out, and said so.
    if (auto self = std::find(options.hubs.begin(), options.hubs.end(), options.region); self != options.hubs.end()) {
        std::cerr << "chainatlas: warning: hub " << safe(chain.regions[options.region].id)
                  << " is the focal region itself; it is left out of the hubs\n";
        options.hubs.erase(self);
    }
    options.weights = readWeights(args.weightsFile, options.weights);
    return options;
}

// Text made a piece at a time (a 100k-firm result is 40 MB): each piece goes out as it is made.
void writeOutput(const std::string& path, const std::function<void(const ca::TextSink&)>& produce) {
    if (path.empty() || path == "-") {
        produce([](std::string_view piece) { std::cout << piece; });
        return;
    }
    orFail(ca::writeFileAtomically(path, produce));
}

void writeOutput(const std::string& path, const std::string& content) {
    writeOutput(path, [&content](const ca::TextSink& sink) { sink(content); });
}

// A value the process keeps until it ends, never freed: freeing a 100k-firm chain (millions of small strings
// and edges) and its analysis one block at a time took longer than analysing it, and the system takes the
// pages back at exit at once. A static list keeps them reachable, so the leak checker does not count them.
template <typename T>
T& keptUntilExit(T&& value) {
    struct Kept {
        T value;
        Kept* before;  // every value kept stays reachable, not only the last
    };
    static Kept* kept = nullptr;
    kept = new Kept{std::forward<T>(value), kept};
    return kept->value;
}

// The analysis `analyze` writes. With assumptions the plain analysis is needed anyway (for `changed` and
// each target's rank without them), so it comes first and the what-if is analysed from it
// (analyzeWhatIf): no copy of the chain, and only what the assumed sites change is worked out again —
// the same result, to the last bit, as analysing a copy of the chain with the sites added.
const ca::Analysis& analysisToWrite(const ca::Chain& chain, const ca::AnalysisOptions& options) {
    if (options.assumptions.empty()) return keptUntilExit(ca::analyze(chain, options));
    ca::AnalysisOptions plainOptions = options;
    plainOptions.assumptions.clear();
    const ca::Analysis& plain = keptUntilExit(ca::analyze(chain, plainOptions));
    return keptUntilExit(ca::analyzeWhatIf(chain, options, plain));
}

int runValidate(const std::vector<std::string>& files) {
    int status = kExitOk;
    for (const auto& file : files) {
        ca::LoadResult result = ca::loadChainFile(file);
        printDiagnostics(result.diagnostics);
        if (!result.ok()) {
            status = std::max(status, ca::exitStatusFor(result.diagnostics));  // invalid data (2) outranks 1
            continue;
        }
        const ca::Chain& chain = *result.chain;
        std::cout << "ok " << safe(file) << ": " << chain.segments.size() << " segments, " << chain.links.size()
                  << " links, " << chain.regions.size() << " regions, " << chain.firms.size() << " firms, "
                  << ca::siteCount(chain) << " sites, " << chain.supplies.size() << " supplies, "
                  << chain.sources.size() << " sources\n";
        if (&file == &files.back()) keptUntilExit(std::move(*result.chain));  // the last one: not freed, as above
    }
    return status;
}

int runStats(const std::string& file, const std::string& langName) {
    ca::Chain chain = loadOrFail(file);
    ca::Lang lang = chooseLang(langName);
    ca::ChainStats stats = ca::computeStats(chain);
    std::ostringstream out;
    out << chain.name.pick(lang, chain.id) << " (" << chain.id << ")\n";
    if (std::string note = chain.note.pick(lang, ""); !note.empty()) out << note << "\n";
    out << "segments " << stats.segments << "\n";
    for (std::size_t s = 0; s < chain.stages.size(); ++s)
        out << "  " << chain.stages[s].name.pick(lang, chain.stages[s].id) << ": " << stats.segmentsPerStage[s] << "\n";
    if (stats.unstaged > 0) out << "  (no stage): " << stats.unstaged << "\n";
    out << "links " << stats.links << "\nregions " << stats.regions << "\nfirms " << stats.firms << " ("
        << stats.leaders << " chain leaders)\nsites " << stats.sites << "\nsupplies " << stats.supplies << "\nsources "
        << stats.sources << "\nfirms per region\n";
    for (std::size_t r = 0; r < chain.regions.size(); ++r)
        out << "  " << chain.regions[r].name.pick(lang, chain.regions[r].id) << " (" << chain.regions[r].id
            << "): " << stats.firmsPerRegion[r] << "\n";
    out << "segments with no firm anywhere " << stats.emptySegments.size() << "\n";
    for (int s : stats.emptySegments)
        out << "  " << chain.segments[s].name.pick(lang, chain.segments[s].id) << " (" << chain.segments[s].id << ")\n";
    std::cout << ca::escapeControls(out.str(), true);
    return kExitOk;
}

int runAnalyze(const AnalysisArgs& args) {
    requireRegion(args);
    const ca::Chain& chain = keptUntilExit(loadOrFail(args.file));
    ca::Session session;
    ca::AnalysisOptions options = buildOptions(chain, args, &session);
    const ca::Analysis& analysis = analysisToWrite(chain, options);
    ca::Lang lang = chooseLang(args.lang, &session);
    // JSON (indented like before) and CSV are written straight from the analysis, a megabyte at a time.
    if (args.format == "json")
        writeOutput(args.output,
                    [&](const ca::TextSink& sink) { ca::writeAnalysisJson(chain, analysis, args.top, 2, sink); });
    else if (args.format == "csv")
        writeOutput(args.output, [&](const ca::TextSink& sink) {
            ca::writeAnalysisCsv(chain, analysis, args.top, lang, session.notes, sink);
        });
    else
        writeOutput(args.output,
                    ca::escapeControls(ca::cli::analysisToTable(chain, analysis, args.top == 0 ? 20 : args.top, lang),
                                       true));
    return kExitOk;
}

// The chain, the options (session first, then the command line) and the analysis; maps draw the chain
// with the assumed sites added, held once here and shared with the analysis.
struct Prepared {
    std::shared_ptr<const ca::Chain> chain;
    ca::Session session;
    ca::AnalysedScenario scenario;  // the chain as drawn (with assumed sites) and its analysis
    const ca::Chain& drawn() const { return *scenario.drawn; }
    const ca::Analysis& analysis() const { return scenario.analysis; }
};

std::unique_ptr<Prepared> prepare(const AnalysisArgs& args) {
    auto p = std::make_unique<Prepared>();
    requireRegion(args);
    p->chain = std::make_shared<const ca::Chain>(loadOrFail(args.file));
    ca::AnalysisOptions options = buildOptions(*p->chain, args, &p->session);
    p->scenario = ca::analyzeScenario(p->chain, options);
    return p;
}

ca::Theme theme() {
    std::vector<ca::Diagnostic> themeProblems;
    ca::Theme theme = ca::loadTheme(ca::defaultThemePath(), themeProblems);
    printDiagnostics(themeProblems);
    return theme;
}

std::string mapSvg(const Prepared& p, const ca::Theme& theme, ca::MapLevel level, ca::Lang lang, std::size_t top) {
    ca::LayoutOptions layoutOptions;
    layoutOptions.level = level;
    layoutOptions.lang = lang;
    layoutOptions.fontName = theme.graphvizFont;
    layoutOptions.fontSize = theme.fontSize;
    ca::LayoutEngine engine;
    auto geometry = engine.layout(p.drawn(), p.analysis(), layoutOptions);
    if (!geometry) throw Failure{kExitFailure, "layout failed: " + geometry.error().message};
    ca::SvgOptions svgOptions{lang, top == 0 ? 10 : top, ca::todayIso()};
    return ca::renderSvg(p.drawn(), p.analysis(), *geometry, theme, svgOptions);
}

// The document kind of -o, or a one-line failure naming the extensions this command writes.
ca::DocumentKind outputKind(const std::string& path, std::initializer_list<ca::DocumentKind> allowed,
                            const char* names) {
    auto kind = ca::documentKindOf(path);
    if (!kind || std::find(allowed.begin(), allowed.end(), *kind) == allowed.end())
        throw Failure{kExitFailure, "cannot write " + path + ": unknown extension (use " + names + ")"};
    return *kind;
}

// Pixels per SVG unit in a PNG map: sharp on slides and in printed documents.
constexpr double kPngScale = 2.0;

int runMap(const AnalysisArgs& args) {
    ca::DocumentKind kind = outputKind(args.output, {ca::DocumentKind::Svg, ca::DocumentKind::Png}, ".svg or .png");
    auto p = prepare(args);
    ca::Theme mapTheme = theme();
    std::string svg;
    if (args.view == "priorities") {
        ca::SvgOptions chartOptions{chooseLang(args.lang, &p->session), args.top == 0 ? 10 : args.top, ca::todayIso()};
        svg = ca::renderPrioritiesSvg(p->drawn(), p->analysis(), mapTheme, chartOptions);
    } else {
        ca::MapLevel level = args.level == "firm" ? ca::MapLevel::Firm : ca::MapLevel::Segment;
        svg = mapSvg(*p, mapTheme, level, chooseLang(args.lang, &p->session), args.top);
    }
    if (kind == ca::DocumentKind::Svg) {
        writeOutput(args.output, svg);
        return kExitOk;
    }
    auto png = ca::svgToPng(svg, kPngScale);
    if (!png) throw Failure{kExitFailure, "cannot write " + args.output + ": " + png.error().message};
    writeOutput(args.output, *png);
    return kExitOk;
}

struct CompareArgs {
    std::string file, weightsFile, format = "table", output, lang;
    std::vector<std::string> regions, hubs, assumptions;
};

int runCompare(const CompareArgs& args) {
    ca::Chain chain = loadOrFail(args.file);
    std::vector<int> regions, hubs;
    for (const auto& region : args.regions) regions.push_back(resolve(chain, ca::IdKind::Region, region));
    for (const auto& hub : args.hubs) hubs.push_back(resolve(chain, ca::IdKind::Region, hub));
    ca::Weights weights = readWeights(args.weightsFile, ca::Weights{});
    std::vector<ca::Assumption> assumptions;
    for (const auto& text : args.assumptions) {
        auto assumption = ca::parseAssumption(chain, text);
        if (!assumption) throw Failure{kExitFailure, "--assume " + assumption.error().message};
        if (std::find(regions.begin(), regions.end(), assumption->region) == regions.end())
            std::cerr << "chainatlas: warning: --assume " << safe(text) << " names a region not compared\n";
        assumptions.push_back(*assumption);
    }
    ca::Comparison comparison = ca::compareRegions(chain, regions, hubs, weights, assumptions);
    for (const auto& warning : comparison.warnings) std::cerr << "chainatlas: warning: " << safe(warning) << "\n";
    ca::Lang lang = chooseLang(args.lang);
    std::string text;
    if (args.format == "json") text = ca::comparisonToJson(chain, comparison).dump(2) + "\n";
    else if (args.format == "csv") text = ca::comparisonToCsv(chain, comparison, lang);
    else text = ca::escapeControls(ca::cli::comparisonToTable(chain, comparison, lang), true);
    writeOutput(args.output, text);
    return kExitOk;
}

int runReport(const AnalysisArgs& args) {
    ca::DocumentKind kind = outputKind(args.output, {ca::DocumentKind::Xlsx, ca::DocumentKind::Pdf}, ".xlsx or .pdf");
    auto p = prepare(args);
    ca::Theme style = theme();
    ca::ReportOptions options;
    options.lang = chooseLang(args.lang, &p->session);
    options.top = args.top != 0 || kind == ca::DocumentKind::Xlsx ? args.top : 20;  // a meeting reads the first 20
    options.date = ca::todayIso();
    options.fontFamily = style.fontFamily;
    if (kind == ca::DocumentKind::Pdf) {
        options.mapSvg = mapSvg(*p, style, ca::MapLevel::Segment, options.lang, 10);
        options.chartSvg = ca::renderPrioritiesSvg(p->drawn(), p->analysis(), style, {options.lang, 10, options.date});
    }
    ca::Document document = ca::buildReport(*p->chain, p->analysis(), p->session, options);
    std::vector<std::string> warnings;
    ca::Status written = kind == ca::DocumentKind::Xlsx ? ca::writeXlsx(document, args.output, &warnings)
                                                        : ca::writePdf(document, args.output);
    for (const std::string& warning : warnings) std::cerr << "chainatlas: warning: " << safe(warning) << "\n";
    orFail(written);
    return kExitOk;
}

// The form -o names (.json, .xlsx or a folder), or a one-line failure.
ca::ChainForm chainFormOrFail(const std::string& path) {
    auto form = ca::chainFormOf(path);
    if (!form) throw Failure{kExitFailure, "cannot write " + path + ": use OUT.json, OUT.xlsx or a folder OUT/"};
    return *form;
}

// `convert FILE -o OUT`: the chain in another form, loaded and validated first (invalid data is exit 2).
int runConvert(const std::string& file, const std::string& output) {
    ca::ChainForm form = chainFormOrFail(output);
    ca::Chain chain = loadOrFail(file);
    orFail(ca::writeChain(chain, output, form));
    return kExitOk;
}

int runTemplate(const std::string& output) {
    ca::ChainForm form = chainFormOrFail(output);
    if (form == ca::ChainForm::Json)
        throw Failure{kExitFailure, "a template is a workbook (OUT.xlsx) or a folder (OUT/), not JSON"};
    orFail(ca::writeTemplate(output, form));
    return kExitOk;
}

// Output lost on a full disk or a closed pipe is a failure, never a silent exit 0.
int checkStandardOutput(int status) {
    std::cout.flush();
    errno = 0;
    if (std::fflush(stdout) == 0 && !std::cout.fail() && !std::ferror(stdout)) return status;
    std::string reason = errno != 0 ? std::strerror(errno) : "write error";
    std::cerr << "chainatlas: cannot write to standard output: " << reason << "\n";
    return kExitFailure;
}

// Every subcommand's options (CLI11 writes into them while parsing, so this stays where it was made) and the
// subcommands, to see which one was given.
struct Commands {
    std::vector<std::string> validateFiles;
    std::string statsFile, statsLang, convertFile, convertOutput, templateOutput;
    AnalysisArgs analyzeArgs, mapArgs, reportArgs;
    CompareArgs compareArgs;
    CLI::App *validate = nullptr, *stats = nullptr, *analyze = nullptr, *map = nullptr, *compare = nullptr,
             *report = nullptr, *convert = nullptr, *templateCommand = nullptr;
};

// The commands that check and count a chain.
void addCheckCommands(CLI::App& app, Commands& c) {
    c.validate = app.add_subcommand("validate", "check chain files; every problem is reported");
    c.validate->add_option("FILE", c.validateFiles, "chain JSON files, CSV folders or .xlsx workbooks")->required();

    c.stats = app.add_subcommand("stats", "counts of segments, regions, firms, sites and supplies");
    c.stats->add_option("FILE", c.statsFile, "chain JSON file, CSV folder or .xlsx workbook")->required();
    c.stats->add_option("--lang", c.statsLang, kLangHelp)->check(CLI::IsMember({"zh", "en"}));
}

// The commands that analyse one region: its table or data, its map.
void addAnalysisCommands(CLI::App& app, Commands& c) {
    c.analyze = app.add_subcommand("analyze", "segment status, hubs and ranked investment targets for a region");
    addAnalysisOptions(c.analyze, c.analyzeArgs);
    c.analyze->add_option("--top", c.analyzeArgs.top, "number of targets to list (default: all; 20 in a table)");
    c.analyze->add_option("--format", c.analyzeArgs.format, "table, json or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}));
    c.analyze->add_option("-o,--output", c.analyzeArgs.output, "output file (written atomically; default: stdout)");

    c.map = app.add_subcommand("map", "SVG chain map for a region");
    addAnalysisOptions(c.map, c.mapArgs);
    c.map->add_option("--level", c.mapArgs.level, "segment or firm")->check(CLI::IsMember({"segment", "firm"}));
    c.map->add_option("--view", c.mapArgs.view, "chain (the map) or priorities (feasibility x attractiveness chart)")
        ->check(CLI::IsMember({"chain", "priorities"}));
    c.map->add_option("--top", c.mapArgs.top, "targets that carry their rank (default 10)");
    c.map->add_option("-o,--output", c.mapArgs.output, "output .svg or .png file (written atomically)")->required();
}

void addCompareCommand(CLI::App& app, Commands& c) {
    CompareArgs& a = c.compareArgs;
    c.compare = app.add_subcommand("compare", "several regions side by side against the same hubs");
    c.compare->add_option("FILE", a.file, "chain JSON file, CSV folder or .xlsx workbook")->required();
    c.compare->add_option("--region,-r", a.regions, "region id (repeat: two or more)")->required();
    c.compare->add_option("--hub", a.hubs, "hub region id (repeatable)");
    c.compare->add_option("--assume", a.assumptions,
                          "what-if: FIRM@REGION[:SEG,SEG...], applied to the region it names (repeatable)");
    c.compare->add_option("--weights", a.weightsFile, "JSON object with term weights and occupied_discount");
    c.compare->add_option("--format", a.format, "table, json or csv")->check(CLI::IsMember({"table", "json", "csv"}));
    c.compare->add_option("--lang", a.lang, kLangHelp)->check(CLI::IsMember({"zh", "en"}));
    c.compare->add_option("-o,--output", a.output, "output file (written atomically; default: stdout)");
}

// The commands that write files: the meeting report, the chain in another form, an empty template.
void addWriteCommands(CLI::App& app, Commands& c) {
    c.report = app.add_subcommand("report", "meeting-ready report: .xlsx workbook or A4 .pdf");
    addAnalysisOptions(c.report, c.reportArgs);
    c.report->add_option("--top", c.reportArgs.top, "targets to list (default: all in .xlsx, 20 in .pdf)");
    c.report->add_option("-o,--output", c.reportArgs.output, "output .xlsx or .pdf file (written atomically)")
        ->required();

    c.convert = app.add_subcommand("convert", "write a chain as JSON, an .xlsx workbook or a CSV folder");
    c.convert->add_option("FILE", c.convertFile, "chain JSON file, CSV folder or .xlsx workbook")->required();
    c.convert->add_option("-o,--output", c.convertOutput, "OUT.json, OUT.xlsx or a folder OUT/ (written atomically)")
        ->required();

    c.templateCommand = app.add_subcommand("template",
                                           "an empty workbook or CSV folder to fill in, with a readme of every column");
    c.templateCommand->add_option("-o,--output", c.templateOutput, "OUT.xlsx or a folder OUT/")->required();
}

// Runs the subcommand given; a failure is reported on stderr and becomes the exit status.
int runChosen(const Commands& c) {
    try {
        if (*c.validate) return runValidate(c.validateFiles);
        if (*c.stats) return runStats(c.statsFile, c.statsLang);
        if (*c.analyze) return runAnalyze(c.analyzeArgs);
        if (*c.map) return runMap(c.mapArgs);
        if (*c.report) return runReport(c.reportArgs);
        if (*c.convert) return runConvert(c.convertFile, c.convertOutput);
        if (*c.templateCommand) return runTemplate(c.templateOutput);
        if (*c.compare) {
            if (c.compareArgs.regions.size() < 2) throw Failure{kExitFailure, "compare needs at least two --region"};
            return runCompare(c.compareArgs);
        }
    } catch (const Failure& failure) {
        if (!failure.reason.empty()) std::cerr << "chainatlas: " << safe(failure.reason) << "\n";
        return failure.status;
    } catch (const std::exception& e) {
        std::cerr << "chainatlas: " << safe(e.what()) << "\n";
        return kExitFailure;
    }
    return kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
    // From 2 MB of input (about 4,000 firms) huge pages save more than the second start costs: at 1 MB the
    // 4 KB page faults of its memory take about as long as the start.
    ca::startWithHugePages(argv, std::uintmax_t{2} << 20);
    CLI::App app{"ChainAtlas: industry-chain gaps, complementary development and investment targets (产业链招商)"};
    app.set_version_flag("--version", std::string("chainatlas ") + CHAINATLAS_VERSION);
    app.require_subcommand(1);
    Commands commands;
    addCheckCommands(app, commands);  // in the order --help lists them
    addAnalysisCommands(app, commands);
    addCompareCommand(app, commands);
    addWriteCommands(app, commands);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);
        return status == 0 ? kExitOk : kExitFailure;  // bad arguments are status 1 (docs/architecture.md)
    }
    return checkStandardOutput(runChosen(commands));
}
