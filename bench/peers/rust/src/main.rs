//! ammonia_bench: the ammonia peer of the libsanitize benchmark.
//!
//! Policy: `ammonia::Builder::default()` narrowed to bluemonday's UGCPolicy as
//! far as ammonia's knobs go: the same 72 tags, the same per-element and
//! global attribute names (ammonia has no value patterns), schemes http,
//! https, mailto, relative URLs passed through, rel="nofollow" on links,
//! comments stripped, and the content of bluemonday's skip-content set plus
//! script and style removed. Protocol: flags, then files; one JSON line per
//! file (docs/performance.md).
use std::collections::{HashMap, HashSet};
use std::fs;
use std::time::Instant;

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clk: i32, ts: *mut Timespec) -> i32;
}

const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;

fn cpu_micros() -> f64 {
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe {
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut ts);
    }
    ts.tv_sec as f64 * 1e6 + ts.tv_nsec as f64 / 1e3
}

fn peak_rss_kb() -> i64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(-1)
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = s.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn minimum(v: &[f64]) -> f64 {
    v.iter().cloned().fold(f64::INFINITY, f64::min)
}

fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn ugc_builder() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = [
        "a", "abbr", "acronym", "area", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
        "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
        "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr",
        "i", "img", "ins", "li", "map", "mark", "meter", "ol", "p", "pre", "progress", "q", "rp",
        "rt", "ruby", "s", "samp", "section", "small", "span", "strike", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt",
        "u", "ul", "var", "wbr",
    ]
    .iter()
    .cloned()
    .collect();
    let per: &[(&[&str], &[&str])] = &[
        (&["details"], &["open"]),
        (&["blockquote", "q"], &["cite"]),
        (&["a"], &["href"]),
        (&["map"], &["name"]),
        (&["area"], &["alt", "coords", "href", "rel", "shape"]),
        (&["img"], &["usemap", "align", "alt", "height", "width", "src"]),
        (&["time"], &["datetime"]),
        (&["bdi", "bdo"], &["dir"]),
        (&["del", "ins"], &["cite", "datetime"]),
        (&["ol", "ul"], &["type"]),
        (&["li"], &["type", "value"]),
        (&["table"], &["height", "width", "summary"]),
        (&["col", "colgroup"], &["align", "height", "width", "span", "valign"]),
        (&["thead", "tr", "tbody", "tfoot"], &["align", "valign"]),
        (
            &["td", "th"],
            &["abbr", "align", "colspan", "rowspan", "headers", "height", "width", "scope",
              "valign", "nowrap"],
        ),
        (&["meter"], &["value", "min", "max", "low", "high", "optimum"]),
        (&["progress"], &["value", "max"]),
    ];
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (els, names) in per {
        for e in els.iter() {
            attrs.entry(*e).or_default().extend(names.iter().cloned());
        }
    }
    let generic: HashSet<&str> = ["dir", "lang", "id", "title"].iter().cloned().collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto"].iter().cloned().collect();
    let clean_content: HashSet<&str> = [
        "script", "style", "frame", "frameset", "iframe", "noembed", "noframes", "noscript",
        "nostyle", "object", "title",
    ]
    .iter()
    .cloned()
    .collect();
    let mut b = ammonia::Builder::default();
    b.tags(tags)
        .tag_attributes(attrs)
        .generic_attributes(generic)
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("nofollow"))
        .strip_comments(true)
        .clean_content_tags(clean_content);
    b
}

fn main() {
    let mut budget_ms = 300.0f64;
    let mut max_doc_ms = 4000.0f64;
    let mut sample_us = 2000.0f64;
    let mut min_samples = 5usize;
    let mut max_samples = 2001usize;
    let mut files = Vec::new();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let num = |j: usize| -> f64 {
            args.get(j).and_then(|v| v.parse().ok()).unwrap_or_else(|| {
                eprintln!("ammonia_bench: bad value for {}", a);
                std::process::exit(2)
            })
        };
        match a {
            "--budget-ms" => { budget_ms = num(i + 1); i += 1; }
            "--max-doc-ms" => { max_doc_ms = num(i + 1); i += 1; }
            "--sample-us" => { sample_us = num(i + 1); i += 1; }
            "--min-samples" => { min_samples = num(i + 1) as usize; i += 1; }
            "--max-samples" => { max_samples = num(i + 1) as usize; i += 1; }
            _ => files.push(args[i].clone()),
        }
        i += 1;
    }
    let b = ugc_builder();
    println!(
        "{{\"runner\":\"rust\",\"meta\":true,\"impl\":\"ammonia\",\"rss_start_kb\":{}}}",
        peak_rss_kb()
    );
    for path in &files {
        let bytes = fs::read(path).unwrap_or_else(|e| {
            eprintln!("ammonia_bench: {}: {}", path, e);
            std::process::exit(2)
        });
        // Peers take text: the UTF-8 decoding is done once, outside the timing.
        let input = String::from_utf8_lossy(&bytes).into_owned();
        let (c0, w0) = (cpu_micros(), Instant::now());
        let out = b.clean(&input).to_string();
        let first = cpu_micros() - c0;
        let first_wall = w0.elapsed().as_secs_f64() * 1e6;
        let out_len = out.len();
        let mut inconsistent = false;
        let mut spent = first;
        let mut calls = 1u64;
        let mut per = first;
        if first < sample_us {
            // Size the batch from warm calls, as every runner does: runs of
            // 1, 2, 4, ... calls until one takes a tenth of a sample (see
            // bench/bench_c.c, warm_per_call).
            let mut n = 1u64;
            loop {
                let c0 = cpu_micros();
                for _ in 0..n {
                    let o = b.clean(&input).to_string();
                    if o.len() != out_len {
                        inconsistent = true;
                    }
                }
                let c = cpu_micros() - c0;
                spent += c;
                calls += n;
                if c >= sample_us / 10.0 {
                    per = c / n as f64;
                    break;
                }
                n *= 2;
            }
        }
        let per = if per < 0.01 { 0.01 } else { per };
        let batch = std::cmp::max(1, (sample_us / per) as u64);
        let (mut cpu, mut wall) = (Vec::new(), Vec::new());
        if first < max_doc_ms * 1000.0 {
            while cpu.len() < max_samples {
                if cpu.len() >= min_samples && spent >= budget_ms * 1000.0 {
                    break;
                }
                if let Some(last) = cpu.last() {
                    if spent + last * batch as f64 > max_doc_ms * 1000.0 {
                        break;
                    }
                }
                let (c0, w0) = (cpu_micros(), Instant::now());
                for _ in 0..batch {
                    let o = b.clean(&input).to_string();
                    if o.len() != out_len {
                        inconsistent = true;
                    }
                }
                let c = cpu_micros() - c0;
                let w = w0.elapsed().as_secs_f64() * 1e6;
                cpu.push(c / batch as f64);
                wall.push(w / batch as f64);
                spent += c;
                calls += batch;
            }
        }
        if cpu.is_empty() {
            cpu.push(first);
            wall.push(first_wall);
        }
        println!(
            "{{\"runner\":\"rust\",\"impl\":\"ammonia\",\"mode\":\"sanitize\",\"file\":{},\
             \"bytes_in\":{},\"bytes_out\":{},\"ok\":true,\"inconsistent\":{},\"samples\":{},\
             \"calls\":{},\"batch\":{},\"cpu_median_us\":{:.4},\"cpu_min_us\":{:.4},\
             \"wall_median_us\":{:.4},\"wall_min_us\":{:.4},\"peak_rss_kb\":{},\
             \"clock\":\"process_cpu\"}}",
            json_str(path), bytes.len(), out_len, inconsistent, cpu.len(), calls, batch,
            median(&cpu), minimum(&cpu), median(&wall), minimum(&wall), peak_rss_kb()
        );
    }
}
