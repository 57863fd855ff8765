//! The one-page report: a self-contained HTML page to hand to a board.
//!
//! The headline, the map (the SVG renderer's picture, inline), the top risks
//! (grouped, with the people they reach, and hours, availability and fixes
//! when other analyses provide them), the scenarios side by side, and the
//! document's notes. No script, nothing loaded from elsewhere, CSS inline,
//! every piece of user text escaped. The print style fits the Kakao example
//! on one A4 or Letter page, on white paper whatever the screen's theme.
//! `blackout report` writes it, and the app's Report view shows the same page.
//!
//! [`ReportContent::new`] computes what goes on the page; its fields are
//! public so that a caller can add what other analyses know (restore hours,
//! availability, fixes, its own map) before [`report_html`] writes it.

use super::scene::scene;
use crate::layout::layout_document;
use super::escape::escape_xml;
use super::svg::svg_document;
use crate::analysis::{simulate, single_points_of_failure};
use crate::model::{Document, Graph, NodeIndex};
use crate::report::{
    availability_phrase, compare_scenarios, format_hour_count, format_users, generated_scenarios, headline, kind_word,
    outage_phrase, risk_reach, stored_scenarios, summary_line, top_risks, NamedScenario, Risk, ScenarioResult,
};
use std::fmt::Write;

/// How many risks and scenario rows a single page holds; the rest are counted.
/// (A US Letter page is 18 mm shorter than A4: the print style's margins and
/// map height leave the Kakao example room on both, checked by printing it to
/// PDF in the app's end-to-end tests.)
pub const RISKS_ON_PAGE: usize = 5;
pub const SCENARIOS_ON_PAGE: usize = 8;

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportContent {
    /// The failure set shown on the map, and its name for people.
    pub failed: Vec<NodeIndex>,
    pub failure_name: String,
    /// The map with `failed` failed: a self-contained SVG.
    pub map_svg: String,
    /// Ranked as `report::top_risks` ranks them; figures may be filled in.
    pub risks: Vec<Risk>,
    /// The document's scenarios (or, when it stores none, the generated
    /// library), the shown failure set first when it is not one of them.
    pub scenarios: Vec<ScenarioResult>,
    /// The position in `scenarios` of the one on the map.
    pub shown_scenario: Option<usize>,
}

impl ReportContent {
    /// The page's content for `failed` (named `failure_name` when it is a
    /// stored scenario). Lays the map out, finds the risks, compares the
    /// scenarios: O(s · (n + m)) plus the layout.
    pub fn new(document: &Document, graph: &Graph, failed: &[NodeIndex], failure_name: Option<&str>) -> ReportContent {
        let mut failed: Vec<NodeIndex> = failed.to_vec();
        failed.sort_unstable();
        failed.dedup();
        let labels: Vec<&str> = failed.iter().map(|&v| document.nodes[v as usize].label()).collect();
        let failure_name = match failure_name {
            Some(name) => name.to_owned(),
            None if failed.is_empty() => "Nothing failed".to_owned(),
            None => format!("{} failed", labels.join(" + ")),
        };
        let outcome = simulate(graph, &failed);
        let spofs = single_points_of_failure(graph);
        let layout = layout_document(document, graph);
        let drawn = scene(document, graph, &layout, &outcome, &spofs);
        let map_svg = svg_document(&failure_name, &summary_line(graph, &outcome), &drawn);

        let mut named = stored_scenarios(document, graph);
        if named.is_empty() {
            named = generated_scenarios(document, graph);
        }
        let mut shown_scenario = named.iter().position(|s| s.fail == failed);
        if shown_scenario.is_none() && !failed.is_empty() {
            named.insert(0, NamedScenario { name: failure_name.clone(), fail: failed.clone() });
            shown_scenario = Some(0);
        }
        ReportContent {
            failed,
            failure_name,
            map_svg,
            risks: top_risks(graph, &spofs),
            scenarios: compare_scenarios(graph, &named, |_| None),
            shown_scenario,
        }
    }
}

const STYLE: &str = "\
@page{margin:8mm}\
:root{color-scheme:light;--ink:#1F2328;--muted:#57606A;--paper:#FFFFFF;--rule:#D0D7DE;--alert:#D55E00;--band:#F6F8FA}\
@media screen and (prefers-color-scheme:dark){:root{color-scheme:dark;--ink:#E6EDF3;--muted:#9DA7B3;--paper:#0D1117;--rule:#30363D;--band:#161B22}}\
*{box-sizing:border-box}\
html{background:var(--paper);color:var(--ink);font:9pt/1.35 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans',sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}\
body{margin:0}\
.page{max-width:190mm;margin:0 auto;padding:8mm 4mm}\
.eyebrow{margin:0;font-size:7.5pt;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}\
h1{margin:1mm 0 1mm;font-size:14pt;line-height:1.2;font-weight:700;text-wrap:balance}\
h1 .alert{color:var(--alert)}\
.context{margin:0 0 3mm;color:var(--muted);font-size:8pt}\
h2{margin:0 0 1.5mm;padding-bottom:.8mm;border-bottom:1px solid var(--rule);font-size:7.5pt;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}\
figure{margin:0 0 3mm;border:1px solid var(--rule);border-radius:1.5mm;overflow:hidden;background:#FFFFFF}\
figure svg{display:block;width:100%;height:auto;max-height:96mm}\
.columns{display:grid;grid-template-columns:1.1fr 1fr;gap:5mm;margin-bottom:3mm}\
ol{margin:0;padding-left:4.5mm}\
li{margin:0 0 1.3mm;break-inside:avoid}\
.risk{font-weight:600}\
.detail{display:block;color:var(--muted);font-size:7.5pt}\
.fix{display:block;font-size:7.5pt}\
.more{margin:1mm 0 0;color:var(--muted);font-size:7.5pt}\
table{width:100%;border-collapse:collapse;font-size:8pt}\
th,td{padding:.7mm 1mm;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}\
th{font-weight:600;color:var(--muted);font-size:7pt}\
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\
tr.shown td{font-weight:600;background:var(--band)}\
.notes p{margin:0;columns:3;column-gap:4mm;font-size:6.5pt;line-height:1.3;white-space:pre-line}\
footer{margin-top:2mm;color:var(--muted);font-size:6.5pt}\
@media screen and (max-width:600px){.columns{grid-template-columns:1fr}}\
@media print{:root{color-scheme:light;--ink:#1F2328;--muted:#57606A;--paper:#FFFFFF;--rule:#D0D7DE;--band:#F6F8FA}.page{max-width:none;padding:0}figure svg{max-height:88mm}}\
";

fn label(document: &Document, node: NodeIndex) -> &str {
    document.nodes[node as usize].label()
}

/// Joins a number to its unit ("47 M", "12 k") with a no-break space, so
/// that a line never ends between them.
fn keep_numbers_together(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let joins = c == ' '
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && matches!(chars.get(i + 1), Some('k' | 'M' | 'B'))
            && !chars.get(i + 2).is_some_and(|c| c.is_alphanumeric());
        out.push(if joins { '\u{A0}' } else { c });
    }
    out
}

/// The page as HTML.
pub fn report_html(document: &Document, graph: &Graph, content: &ReportContent) -> String {
    let title = if document.title.is_empty() { "Untitled graph" } else { &document.title };
    let mut out = String::with_capacity(content.map_svg.len() + 16_384);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{} — risk report</title><style>{STYLE}</style></head><body><main class=\"page\">",
        escape_xml(title)
    );
    write_header(&mut out, document, graph, content, title);
    // The namespace is implied in HTML; leaving it out keeps the page free of any URL.
    let map = content.map_svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    let _ = write!(out, "<figure data-part=\"map\">{map}</figure>");
    out.push_str("<div class=\"columns\">");
    write_risks(&mut out, document, graph, &content.risks);
    write_scenarios(&mut out, content);
    out.push_str("</div>");
    if let Some(notes) = document.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = write!(out, "<section class=\"notes\" data-part=\"notes\"><h2>Notes</h2><p>{}</p></section>", escape_xml(notes));
    }
    write_footer(&mut out, graph);
    out.push_str("</main></body></html>\n");
    out
}

fn write_header(out: &mut String, document: &Document, graph: &Graph, content: &ReportContent, title: &str) {
    let features = graph.features().count();
    let spofs: usize = content.risks.iter().map(|r| r.group.len()).sum();
    let _ = write!(
        out,
        "<header><p class=\"eyebrow\">Blackout risk report · {}</p><h1 data-part=\"headline\">{}</h1><p class=\"context\">{features} features · {} nodes · {spofs} single points of failure in {} risks",
        escape_xml(title),
        keep_numbers_together(&escape_xml(&headline(document, graph, &content.risks))),
        graph.len(),
        content.risks.len(),
    );
    if let Some(audience) = graph.audience() {
        let _ = write!(out, " · {} people use these features", format_users(audience));
    }
    out.push_str("</p></header>");
}

fn write_risks(out: &mut String, document: &Document, graph: &Graph, risks: &[Risk]) {
    out.push_str("<section data-part=\"risks\"><h2>Top risks</h2>");
    if risks.is_empty() {
        out.push_str("<p>No single point of failure.</p></section>");
        return;
    }
    out.push_str("<ol>");
    for risk in risks.iter().take(RISKS_ON_PAGE) {
        let node = risk.group.representative;
        let _ = write!(
            out,
            "<li><span class=\"risk\">{}</span> ({}) {}",
            escape_xml(label(document, node)),
            kind_word(graph.kind(node)),
            keep_numbers_together(&escape_xml(&risk_reach(graph, risk)))
        );
        let mut details: Vec<String> = Vec::new();
        if let Some(hours) = risk.figures.outage_hours {
            details.push(outage_phrase(hours));
        }
        if let Some(availability) = risk.figures.availability {
            details.push(availability_phrase(availability));
        }
        if !risk.group.others.is_empty() {
            let others: Vec<&str> = risk.group.others.iter().map(|&v| label(document, v)).collect();
            details.push(format!("The same risk: {}", others.join(", ")));
        }
        if !details.is_empty() {
            let _ = write!(out, "<span class=\"detail\">{}</span>", escape_xml(&details.join(" · ")));
        }
        if let Some(fix) = &risk.figures.fix {
            let _ = write!(out, "<span class=\"fix\">Fix: {}</span>", escape_xml(fix));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    if risks.len() > RISKS_ON_PAGE {
        let _ = write!(out, "<p class=\"more\">and {} smaller risks</p>", risks.len() - RISKS_ON_PAGE);
    }
    out.push_str("</section>");
}

fn write_scenarios(out: &mut String, content: &ReportContent) {
    out.push_str("<section data-part=\"scenarios\"><h2>Scenarios</h2>");
    if content.scenarios.is_empty() {
        out.push_str("<p>No scenarios.</p></section>");
        return;
    }
    let with_hours = content.scenarios.iter().any(|s| s.hours.is_some());
    out.push_str("<table><thead><tr><th>Scenario</th><th class=\"num\">Features dark</th><th class=\"num\">People</th>");
    if with_hours {
        out.push_str("<th class=\"num\">Hours</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for (i, row) in content.scenarios.iter().enumerate().take(SCENARIOS_ON_PAGE) {
        let shown = content.shown_scenario == Some(i);
        let _ = write!(
            out,
            "<tr{}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            if shown { " class=\"shown\"" } else { "" },
            escape_xml(&row.scenario.name),
            row.features_dark.len(),
            escape_xml(&row.people.amount().unwrap_or_else(|| "—".to_owned())),
        );
        if with_hours {
            let hours = match row.hours {
                Some(h) if h.is_finite() => format_hour_count(h),
                Some(_) => "never".to_owned(),
                None => "—".to_owned(),
            };
            let _ = write!(out, "<td class=\"num\">{hours}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    if content.scenarios.len() > SCENARIOS_ON_PAGE {
        let _ = write!(out, "<p class=\"more\">and {} more scenarios</p>", content.scenarios.len() - SCENARIOS_ON_PAGE);
    }
    out.push_str("</section>");
}

fn write_footer(out: &mut String, graph: &Graph) {
    let people = match graph.audience() {
        Some(audience) => format!(
            "People are distinct people who lose at least one feature, never more than the {} who use any of them; \"up to\" marks an upper bound.",
            format_users(audience)
        ),
        None => "People: features' users overlap and the document states no audience, so \"up to\" marks a sum over features, an upper bound.".to_owned(),
    };
    let _ = write!(
        out,
        "<footer>A single point of failure is one thing whose failure alone takes a feature down; those that take down the same features are one risk, named by the one the others fail through. {} Made with Blackout.</footer>",
        escape_xml(&people)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse;

    const KAKAO: &str = include_str!("../../assets/examples/kakao-2022.json");

    fn kakao_page(fail: &[&str], name: Option<&str>) -> String {
        let valid = parse(KAKAO).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let failed: Vec<NodeIndex> = fail.iter().map(|id| graph.index_of(&(*id).into()).unwrap()).collect();
        report_html(document, graph, &ReportContent::new(document, graph, &failed, name))
    }

    /// The page loads nothing and runs nothing: no script, no element or
    /// attribute that fetches, no URL of any kind. User text is escaped, so
    /// every `<` in the page opens a tag of ours.
    fn assert_self_contained(html: &str) {
        let lower = html.to_lowercase();
        for forbidden in ["<script", "<link", "<iframe", "<object", "<embed", "<img", "<base", "@import", "http:", "https:", "javascript:"] {
            assert!(!lower.contains(forbidden), "{forbidden} in the page");
        }
        for tag in lower.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or("")) {
            for attribute in [" src=", " href=", ":href=", " action=", " srcset=", " on"] {
                assert!(!tag.contains(attribute), "{attribute} in <{tag}>");
            }
        }
        // References inside the SVG point at its own definitions only.
        for (at, _) in lower.match_indices("url(") {
            assert!(lower[at..].starts_with("url(#"), "{}", &lower[at..at + 30]);
        }
    }

    #[test]
    fn the_kakao_page_has_every_part_and_loads_nothing() {
        let html = kakao_page(&["pangyo"], Some("Pangyo fire (15 Oct 2022)"));
        assert_self_contained(&html);
        assert!(html.starts_with("<!DOCTYPE html>"));
        for part in ["headline", "map", "risks", "scenarios", "notes"] {
            assert!(html.contains(&format!("data-part=\"{part}\"")), "{part}");
        }
        assert!(html.contains("One building, SK C&amp;C Pangyo, takes down 12 of 13 features — 47\u{A0}M people"));
        assert!(html.contains("The same risk: Cache cluster, KEPCO grid (Pangyo), UPS battery room B3"));
        assert!(html.contains("<tr class=\"shown\"><td>Pangyo fire (15 Oct 2022)</td><td class=\"num\">12</td><td class=\"num\">47 M</td>"));
        assert!(html.contains("data-node-id=\"pangyo\" data-state=\"failed\""), "the map shows the failure");
        assert!(html.contains("about 32,000 Kakao servers went down"), "the notes are there");
        assert!(!html.contains("216 M"), "no sum over overlapping features");
        assert!(html.contains("@media print"));
    }

    #[test]
    fn numbers_stay_with_their_units() {
        assert_eq!(keep_numbers_together("47 M people, 12 k users, 3 Mbps, 5 Kakao"), "47\u{A0}M people, 12\u{A0}k users, 3 Mbps, 5 Kakao");
    }

    #[test]
    fn a_failure_set_that_is_not_stored_comes_first() {
        let html = kakao_page(&["cache", "obj-store"], None);
        assert!(html.contains("<tr class=\"shown\"><td>Cache cluster + Object storage failed</td>"), "{}", &html[..200]);
    }

    #[test]
    fn optional_figures_show_when_present() {
        let valid = parse(KAKAO).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let mut content = ReportContent::new(document, graph, &[], None);
        assert!(!report_html(document, graph, &content).contains("<th class=\"num\">Hours</th>"));
        content.risks[0].figures.outage_hours = Some(127.5);
        content.risks[0].figures.fix = Some("Run <failover> & auth in a second site".into());
        content.scenarios[0].hours = Some(127.5);
        content.scenarios[1].hours = Some(f64::INFINITY);
        let html = report_html(document, graph, &content);
        assert!(html.contains("for 127.5 hours · The same risk"));
        assert!(html.contains("Fix: Run &lt;failover&gt; &amp; auth in a second site"));
        assert!(html.contains("<th class=\"num\">Hours</th>"));
        assert!(html.contains("<td class=\"num\">127.5</td>") && html.contains("<td class=\"num\">never</td>"));
    }

    #[test]
    fn every_piece_of_user_text_is_escaped() {
        let hostile = r#"{"version": 1, "title": "</title><script>alert(1)</script>", "notes": "a < b & \"c\" 'd' \uFFFE",
            "nodes": [
                {"id": "f\"><script>", "label": "<b>bold</b> & co", "kind": "feature", "users": 5, "depends_on": ["dc"]},
                {"id": "dc", "label": "DC \"<East>\" \uFFFE", "kind": "datacenter"}
            ],
            "scenarios": [{"name": "<img src=x onerror=alert(1)>", "fail": ["dc"]}]}"#;
        let valid = parse(hostile).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let html = report_html(document, graph, &ReportContent::new(document, graph, &[1], None));
        assert_self_contained(&html);
        assert!(!html.contains("<b>") && !html.contains("<img") && !html.contains('\u{FFFE}'));
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; — risk report</title>"));
        assert!(html.contains("a &lt; b &amp; &quot;c&quot; &#39;d&#39; \u{FFFD}"));
        assert!(html.contains("DC &quot;&lt;East&gt;&quot; \u{FFFD}"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }
}
