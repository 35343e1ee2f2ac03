//! The ratios ours/theirs as a horizontal bar chart on a log scale, in SVG.
//! Every metric is lower-is-better, so bars left of 1× are wins.

use crate::report::{Row, Target};

const LABEL_W: f64 = 470.0;
const PLOT_W: f64 = 380.0;
const ROW_H: f64 = 26.0;
const TOP: f64 = 56.0;

pub fn svg(rows: &[Row], annotated: usize) -> String {
    let bars: Vec<(&Row, f64)> = rows.iter().filter_map(|r| r.ratio().filter(|x| *x > 0.0).map(|x| (r, x))).collect();
    let extremes = bars.iter().map(|b| b.1).chain([1.0, 1.0 / 3.0]);
    let lo = 10f64.powf(extremes.clone().fold(f64::MAX, f64::min).log10().floor());
    let hi = 10f64.powf(extremes.fold(0.0, f64::max).log10().ceil().max(lo.log10() + 1.0));
    let x = |v: f64| LABEL_W + (v.log10() - lo.log10()) / (hi.log10() - lo.log10()) * PLOT_W;
    let height = TOP + ROW_H * bars.len() as f64 + 40.0;
    let width = LABEL_W + PLOT_W + 90.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">argilla-lite / Argilla 2.8.0 UI (median ratio, log scale; lower is better)</text>\n\
         <text x=\"10\" y=\"40\" fill=\"#555\">green: argilla-lite lower · red: higher · dashed: the issue's target</text>\n"
    );
    let mut decade = lo;
    while decade <= hi * 1.0001 {
        let gx = x(decade);
        let stroke = if (decade - 1.0).abs() < 1e-9 { "#333" } else { "#ccc" };
        out.push_str(&format!(
            "<line x1=\"{gx:.1}\" y1=\"{TOP}\" x2=\"{gx:.1}\" y2=\"{:.1}\" stroke=\"{stroke}\"/>\n<text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555\">{}×</text>\n",
            height - 32.0,
            height - 18.0,
            trim(decade)
        ));
        decade *= 10.0;
    }
    for (i, (row, ratio)) in bars.iter().enumerate() {
        let y = TOP + ROW_H * i as f64;
        let (x0, x1) = (x(1.0).min(x(*ratio)), x(1.0).max(x(*ratio)));
        let colour = if *ratio <= 1.0 { "#2e9e5b" } else { "#d0453a" };
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>\n<text x=\"{:.1}\" y=\"{:.1}\">{ratio:.2}×</text>\n",
            LABEL_W - 8.0,
            y + ROW_H * 0.65,
            escape(&row.label(annotated)),
            y + 4.0,
            (x1 - x0).max(1.0),
            ROW_H - 8.0,
            LABEL_W + PLOT_W + 8.0,
            y + ROW_H * 0.65,
        ));
        if let Some(Target::RatioAtMost(limit)) = row.metric.target {
            let tx = x(limit);
            out.push_str(&format!(
                "<line x1=\"{tx:.1}\" y1=\"{:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"#000\" stroke-dasharray=\"3,2\"/>\n",
                y + 1.0,
                y + ROW_H - 1.0
            ));
        }
    }
    out.push_str("</svg>\n");
    out
}

fn trim(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
