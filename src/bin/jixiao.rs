//! `jixiao`: the native CLI on the same core the browser uses.
//!
//! Exit codes: 0 no errors, 1 errors found (or the upload failed
//! verification), 2 unusable input (unreadable file, bad JSON, unknown pack).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `println!` that ends the program quietly when the reader has gone
/// (`jixiao check … | head`) instead of panicking on a broken pipe.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($t)*).is_err() {
            std::process::exit(141);
        }
    }};
}
use jixiao::finding::Finding;
use jixiao::{pack, report_io, rules, upload, Code, Engine, Severity};

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "项目支出绩效自评表检查与计算（jixiao 绩效）"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查报告：计算各项数值并列出问题（可一次检查多份）
    Check {
        /// 报告 JSON 文件（一个或多个；多个时 JSON 格式每行一份）
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// 评价体系：内置 id 或规则包 JSON 文件（默认用报告中的 pack）
        #[arg(long)]
        pack: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// 生成上报 JSON（含摘要）
    Upload {
        report: PathBuf,
        #[arg(long)]
        pack: Option<String>,
        /// 输出文件（默认标准输出）
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 复核上报 JSON：摘要、评价体系与全部计算结果
    Verify {
        upload: PathBuf,
        /// 服务器上的规则包 JSON 文件（默认用内置规则包）
        #[arg(long)]
        pack: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// 列出内置评价体系
    Packs {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// 列出全部检查代码
    Codes,
    /// 生成测试用报告（national-2020，内容确定、含少量典型错误），用于基准与压力测试
    Generate {
        /// 三级指标行数
        #[arg(long, default_value_t = 200)]
        lines: usize,
        /// 随机种子（相同种子生成相同报告）
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 份数；多于 1 份时 --output 为目录，文件名 report-<种子>.json
        #[arg(long, default_value_t = 1)]
        count: u64,
        /// 输出文件或目录（默认标准输出）
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum Lang {
    Zh,
    En,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            reports,
            pack,
            format,
            lang,
        } => {
            let many = reports.len() > 1;
            let mut worst = 0u8;
            for report in &reports {
                if many && format == Format::Text {
                    outln!("== {}", report.display());
                }
                worst = worst.max(check(report, pack.as_deref(), format, lang, many));
            }
            ExitCode::from(worst)
        }
        Command::Generate {
            lines,
            seed,
            count,
            output,
        } => generate(lines, seed, count, output),
        Command::Upload {
            report,
            pack,
            output,
        } => make_upload(&report, pack.as_deref(), output),
        Command::Verify {
            upload,
            pack,
            format,
            lang,
        } => verify(&upload, pack, format, lang),
        Command::Packs { format } => packs(format),
        Command::Codes => {
            for c in Code::ALL {
                outln!("{:<24} {:<8} {}", c.as_str(), c.severity().zh(), c.zh());
            }
            ExitCode::SUCCESS
        }
    }
}

fn read(path: &PathBuf) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("无法读取 {}：{e}", path.display());
        ExitCode::from(2)
    })
}

fn unusable(findings: &[Finding], lang: Lang) -> ExitCode {
    for f in findings {
        eprintln!("{}", line(f, lang));
    }
    ExitCode::from(2)
}

/// Load a report and its pack into an engine.
fn load(report: &PathBuf, pack_arg: Option<&str>, lang: Lang) -> Result<Engine, ExitCode> {
    let text = read(report)?;
    let report = report_io::report_from_json(&text).map_err(|f| unusable(&[*f], lang))?;
    let pack_text = match pack_arg {
        Some(p) if std::path::Path::new(p).is_file() => Some(read(&PathBuf::from(p))?),
        Some(p) => Some(p.to_string()),
        None => None,
    };
    let pack =
        jixiao::resolve_pack(&report, pack_text.as_deref()).map_err(|f| unusable(&f, lang))?;
    Ok(Engine::new(pack, report))
}

/// Check one report; its exit status (0 clean, 1 errors found, 2 unreadable).
fn check(report: &PathBuf, pack_arg: Option<&str>, format: Format, lang: Lang, lines: bool) -> u8 {
    let engine = match load(report, pack_arg, lang) {
        Ok(e) => e,
        Err(_) => return 2,
    };
    let findings = engine.findings();
    match format {
        Format::Json => {
            let out = serde_json::json!({
                "report": report.display().to_string(),
                "pack": {"id": engine.pack().spec.id, "version": engine.pack().spec.version, "digest": engine.pack().digest},
                "computed": engine.computed(),
                "findings": findings,
                "summary": upload::Summary::of(&findings),
            });
            let text = if lines {
                serde_json::to_string(&out)
            } else {
                serde_json::to_string_pretty(&out)
            };
            outln!("{}", text.unwrap_or_default());
        }
        Format::Text => print_text(&engine, &findings, lang),
    }
    u8::from(findings.iter().any(|f| f.severity == Severity::Error))
}

fn exit_for(findings: &[Finding]) -> ExitCode {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn generate(lines: usize, seed: u64, count: u64, output: Option<PathBuf>) -> ExitCode {
    let Some(pack) = pack::builtin(jixiao::generate::PACK) else {
        eprintln!("内置评价体系 {} 无法加载", jixiao::generate::PACK);
        return ExitCode::from(2);
    };
    if lines > report_io::MAX_LINES {
        eprintln!("指标行数最多 {}", report_io::MAX_LINES);
        return ExitCode::from(2);
    }
    if count > 1 {
        let Some(dir) = output else {
            eprintln!("生成多份报告时须用 --output 指定目录");
            return ExitCode::from(2);
        };
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("无法创建目录 {}：{e}", dir.display());
            return ExitCode::from(2);
        }
        for s in seed..seed.saturating_add(count) {
            let r = jixiao::generate::report(&pack, lines, s);
            let path = dir.join(format!("report-{s}.json"));
            if let Err(e) = std::fs::write(&path, report_io::to_json(&r)) {
                eprintln!("无法写入 {}：{e}", path.display());
                return ExitCode::from(2);
            }
        }
        return ExitCode::SUCCESS;
    }
    let text = report_io::to_json(&jixiao::generate::report(&pack, lines, seed));
    match output {
        Some(path) => match std::fs::write(&path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("无法写入 {}：{e}", path.display());
                ExitCode::from(2)
            }
        },
        None => {
            outln!("{text}");
            ExitCode::SUCCESS
        }
    }
}

fn print_text(engine: &Engine, findings: &[Finding], lang: Lang) {
    let pack = engine.pack();
    let report = engine.report();
    let name = report.basic.project_name.as_str().trim();
    let en = lang == Lang::En;
    outln!(
        "{}{}",
        if en { "Project: " } else { "项目：" },
        if name.is_empty() {
            "（未填写）"
        } else {
            name
        }
    );
    outln!(
        "{}{} ({} {})",
        if en { "Framework: " } else { "评价体系：" },
        if en && !pack.spec.title_en.is_empty() {
            &pack.spec.title_en
        } else {
            &pack.spec.title
        },
        pack.spec.id,
        pack.spec.version
    );
    outln!();
    outln!("{}", if en { "Computed" } else { "计算结果" });
    for (path, c) in engine.computed() {
        let label = rules::fields::computed_label(pack, report, &path);
        outln!("  {}  {}{}", pad(&label, 34), c.value, c.unit);
    }
    outln!();
    let s = upload::Summary::of(findings);
    if en {
        outln!(
            "Findings: {} errors, {} warnings, {} notes",
            s.errors,
            s.warnings,
            s.infos
        );
    } else {
        outln!(
            "检查结果：{} 个错误，{} 个警告，{} 个提示",
            s.errors,
            s.warnings,
            s.infos
        );
    }
    for f in findings {
        outln!("  {}", line(f, lang));
        let hint = if en {
            f.hint_en.as_deref()
        } else {
            f.hint.as_deref()
        };
        if let Some(h) = hint {
            outln!("      {}{h}", if en { "fix: " } else { "建议：" });
        }
    }
}

fn line(f: &Finding, lang: Lang) -> String {
    let (sev, msg) = match lang {
        Lang::Zh => (f.severity.zh().to_string(), &f.message),
        Lang::En => (format!("{:?}", f.severity).to_lowercase(), &f.message_en),
    };
    format!("[{sev}] {} {}\n      {msg}", f.code, f.path())
}

/// Pad to a terminal width, counting CJK characters as two columns.
fn pad(s: &str, width: usize) -> String {
    let w: usize = s
        .chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn make_upload(report: &PathBuf, pack_arg: Option<&str>, output: Option<PathBuf>) -> ExitCode {
    let engine = match load(report, pack_arg, Lang::Zh) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let up = upload::build(&engine);
    let text = upload::to_json(&up);
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, text + "\n") {
                eprintln!("无法写入 {}：{e}", path.display());
                return ExitCode::from(2);
            }
        }
        None => outln!("{text}"),
    }
    exit_for(&up.findings)
}

fn verify(path: &PathBuf, pack_file: Option<PathBuf>, format: Format, lang: Lang) -> ExitCode {
    let text = match read(path) {
        Ok(t) => t,
        Err(c) => return c,
    };
    let pack = match pack_file {
        Some(p) => {
            let t = match read(&p) {
                Ok(t) => t,
                Err(c) => return c,
            };
            match jixiao::Pack::from_json(&t) {
                Ok(p) => Some(std::sync::Arc::new(p)),
                Err(f) => return unusable(&f, lang),
            }
        }
        None => None,
    };
    let v = upload::verify(&text, pack);
    let unreadable = v.problems.iter().any(|p| {
        matches!(
            p.code.as_str(),
            "UPLOAD_JSON" | "UPLOAD_SCHEMA_VERSION" | "REPORT_TOO_LARGE"
        )
    });
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()),
        Format::Text => {
            if v.ok() {
                outln!(
                    "{}",
                    if lang == Lang::En {
                        "upload verified: digest, pack and every figure match"
                    } else {
                        "复核通过：摘要、评价体系与全部计算结果一致"
                    }
                );
            }
            for p in &v.problems {
                outln!("  {}", line(p, lang));
            }
            let s = upload::Summary::of(&v.findings);
            outln!(
                "{}",
                if lang == Lang::En {
                    format!(
                        "fresh check: {} errors, {} warnings, {} notes",
                        s.errors, s.warnings, s.infos
                    )
                } else {
                    format!(
                        "重新检查：{} 个错误，{} 个警告，{} 个提示",
                        s.errors, s.warnings, s.infos
                    )
                }
            );
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if v.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn packs(format: Format) -> ExitCode {
    let mut list = Vec::new();
    for id in pack::builtin_ids() {
        match pack::builtin(id) {
            Some(p) => list.push(p),
            None => {
                eprintln!("内置评价体系 {id} 无法加载");
                return ExitCode::from(2);
            }
        }
    }
    match format {
        Format::Json => {
            let out: Vec<_> = list
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "id": p.spec.id, "version": p.spec.version, "title": p.spec.title,
                        "titleEn": p.spec.title_en, "digest": p.digest,
                        "top": p.top().map(|n| serde_json::json!({"id": n.id, "name": n.name, "weight": n.weight.to_string()})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Text => {
            for p in &list {
                let top: Vec<String> = p
                    .top()
                    .map(|n| format!("{} {}", n.name, n.weight.normalize()))
                    .collect();
                outln!("{:<18} {}  {}", p.spec.id, p.spec.version, p.spec.title);
                outln!("{:<18} 一级指标：{}", "", top.join(" / "));
            }
        }
    }
    ExitCode::SUCCESS
}
