//! `jixiao`: the native CLI on the same core the browser uses.
//!
//! Exit codes: 0 no errors, 1 errors found (or the upload failed
//! verification), 2 unusable input (unreadable file, bad JSON, unknown pack).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// `println!` that never panics on output: when the reader has gone
/// (`jixiao check … | head`) the program ends quietly (141, as a shell
/// reports SIGPIPE); any other write error (a full disk) is said on
/// stderr and ends it with 2, so an upload is never lost silently.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($t)*) {
            write_failed(e);
        }
    }};
}

fn write_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(141);
    }
    eprintln!("无法写出结果（标准输出）：{e}");
    std::process::exit(2);
}
use std::io::Read as _;
use std::path::Path;

use jixiao::finding::{self, Finding};
use jixiao::{check, pack, report_io, upload, Code, Engine};

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
        /// 报告 JSON 文件（一个或多个，- 为标准输入；多个时 JSON 格式每行一份）
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
        /// 报告 JSON 文件（- 为标准输入）
        report: PathBuf,
        #[arg(long)]
        pack: Option<String>,
        /// 输出文件（默认标准输出）
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 复核上报 JSON：摘要、评价体系与全部计算结果
    Verify {
        /// 上报 JSON 文件（- 为标准输入）
        upload: PathBuf,
        /// 服务器上的规则包 JSON 文件（默认用内置规则包）
        #[arg(long)]
        pack: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// 导入 Excel 自评表（.xlsx），生成报告 JSON
    Import {
        /// Excel 工作簿（.xlsx；- 为标准输入）
        workbook: PathBuf,
        /// 评价体系：内置 id 或规则包 JSON 文件（默认从工作簿识别）
        #[arg(long)]
        pack: Option<String>,
        /// 输出报告 JSON 文件（默认标准输出）
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// 导出 Excel 自评表（官方表式，含计算结果与检查结果）
    Export {
        /// 报告 JSON 文件（- 为标准输入）
        report: PathBuf,
        #[arg(long)]
        pack: Option<String>,
        /// 输出 .xlsx 文件
        #[arg(short, long)]
        output: PathBuf,
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

impl From<Lang> for check::Lang {
    fn from(l: Lang) -> check::Lang {
        match l {
            Lang::Zh => check::Lang::Zh,
            Lang::En => check::Lang::En,
        }
    }
}

fn main() -> ExitCode {
    let code = run(Cli::parse());
    // Output is line-buffered: the last bytes are written here, and an
    // error here (a full disk) must not pass unsaid either.
    if let Err(e) = std::io::Write::flush(&mut std::io::stdout()) {
        write_failed(e);
    }
    code
}

fn run(cli: Cli) -> ExitCode {
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
        Command::Import {
            workbook,
            pack,
            output,
            lang,
        } => import(&workbook, pack.as_deref(), output, lang),
        Command::Export {
            report,
            pack,
            output,
        } => export(&report, pack.as_deref(), &output),
        Command::Packs { format } => packs(format),
        Command::Codes => {
            for c in Code::ALL {
                outln!("{:<24} {:<8} {}", c.as_str(), c.severity().zh(), c.zh());
            }
            ExitCode::SUCCESS
        }
    }
}

/// A file (or standard input for `-`) as text: at most `limit` bytes are
/// accepted and at most `limit + 1` read, so `/dev/zero` or a 2 GB file
/// costs no more than the limit; UTF-8 only (a BOM is dropped by the
/// readers), an encoding error named by its byte offset.
fn read(path: &Path, kind: Kind) -> Result<String, Box<Finding>> {
    let bytes = read_bytes(path, kind.limit(), kind.too_large())?;
    String::from_utf8(bytes).map_err(|e| {
        Box::new(finding::plain(
            Code::TextEncoding,
            "",
            finding::Args::default()
                .actual(path.display().to_string())
                .detail(e.utf8_error().valid_up_to().to_string()),
        ))
    })
}

/// A file (or standard input for `-`) as bytes: at most `limit` accepted
/// and at most `limit + 1` read; over it, `too_large`.
fn read_bytes(path: &Path, limit: usize, too_large: Code) -> Result<Vec<u8>, Box<Finding>> {
    let mut bytes = Vec::new();
    let result = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = result {
        return Err(Box::new(finding::plain(
            Code::FileUnreadable,
            "",
            finding::Args::default()
                .actual(path.display().to_string())
                .detail(e.to_string()),
        )));
    }
    if bytes.len() > limit {
        return Err(Box::new(finding::plain(
            too_large,
            "",
            finding::Args::field("文件大小（字节）")
                .actual(format!("超过 {limit} 字节"))
                .expected(format!("{limit} 字节")),
        )));
    }
    Ok(bytes)
}

fn import(
    workbook: &Path,
    pack_arg: Option<&str>,
    output: Option<PathBuf>,
    lang: Lang,
) -> ExitCode {
    let bytes = match read_bytes(
        workbook,
        jixiao::xlsx::LIMITS.file_bytes,
        Code::XlsxTooLarge,
    ) {
        Ok(b) => b,
        Err(f) => return unusable(&[*f], lang),
    };
    let pack = match pack_text(pack_arg) {
        Ok(None) => None,
        Ok(Some(text)) => match jixiao::resolve_pack(&jixiao::Report::default(), Some(&text)) {
            Ok(p) => Some(p),
            Err(f) => return unusable(&f, lang),
        },
        Err(f) => return unusable(&f, lang),
    };
    let imported = match jixiao::xlsx::import(&bytes, pack) {
        Ok(i) => i,
        Err(e) => return unusable(&[*e], lang),
    };
    for f in &imported.findings {
        eprintln!("{}", check::line(f, lang.into()));
    }
    match emit(output, report_io::to_json(&imported.report)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// A text to its file (with a final newline), or to standard output.
fn emit(output: Option<PathBuf>, text: String) -> Result<(), ExitCode> {
    match output {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, text + "\n") {
                eprintln!("无法写入 {}：{e}", path.display());
                return Err(ExitCode::from(2));
            }
        }
        None => outln!("{text}"),
    }
    Ok(())
}

fn export(report: &Path, pack_arg: Option<&str>, output: &Path) -> ExitCode {
    let engine = match load(report, pack_arg) {
        Ok(e) => e,
        Err(f) => return unusable(&f, Lang::Zh),
    };
    let bytes = match jixiao::xlsx::export_evaluated(&engine) {
        Ok(b) => b,
        Err(e) => return unusable(&[*e], Lang::Zh),
    };
    if let Err(e) = std::fs::write(output, bytes) {
        eprintln!("无法写入 {}：{e}", output.display());
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// What a file read holds, for its size limit.
#[derive(Clone, Copy)]
enum Kind {
    Report,
    Pack,
    Upload,
}

impl Kind {
    fn limit(self) -> usize {
        match self {
            Kind::Report => report_io::MAX_REPORT_BYTES,
            Kind::Pack => pack::MAX_PACK_BYTES,
            Kind::Upload => upload::MAX_UPLOAD_BYTES,
        }
    }
    fn too_large(self) -> Code {
        match self {
            Kind::Report | Kind::Upload => Code::ReportTooLarge,
            Kind::Pack => Code::PackTooLarge,
        }
    }
}

fn unusable(findings: &[Finding], lang: Lang) -> ExitCode {
    for f in findings {
        eprintln!("{}", check::line(f, lang.into()));
    }
    ExitCode::from(2)
}

/// Load a report and its pack into an engine; what made it unusable.
fn load(report: &Path, pack_arg: Option<&str>) -> Result<Engine, Vec<Finding>> {
    let text = read(report, Kind::Report).map_err(|f| vec![*f])?;
    let report = report_io::report_from_json(&text).map_err(|f| vec![*f])?;
    let pack_text = pack_text(pack_arg)?;
    jixiao::resolve_pack(&report, pack_text.as_deref()).map(|pack| Engine::new(pack, report))
}

/// What `--pack` gives: a pack file's text, or the id as typed.
fn pack_text(pack_arg: Option<&str>) -> Result<Option<String>, Vec<Finding>> {
    Ok(match pack_arg {
        Some(p) if looks_like_file(p) => {
            Some(read(Path::new(p), Kind::Pack).map_err(|f| vec![*f])?)
        }
        Some(p) => Some(p.to_string()),
        None => None,
    })
}

/// Whether `--pack` names a file rather than a built-in pack id: it
/// exists, or has a path's shape (a missing file is said as such, not as
/// an unknown pack).
fn looks_like_file(arg: &str) -> bool {
    let p = Path::new(arg);
    arg == "-" || p.is_file() || arg.contains(['/', '\\']) || arg.ends_with(".json")
}

/// Check one report; its exit status (0 clean, 1 errors found, 2 unreadable).
fn check(report: &Path, pack_arg: Option<&str>, format: Format, lang: Lang, lines: bool) -> u8 {
    /// One JSON line (or document) per report, unreadable ones too.
    #[derive(serde::Serialize)]
    struct Out<T> {
        report: String,
        #[serde(flatten)]
        result: T,
    }
    fn json<T: serde::Serialize>(report: &Path, result: T, lines: bool) -> String {
        let out = Out {
            report: report.display().to_string(),
            result,
        };
        let text = if lines {
            serde_json::to_string(&out)
        } else {
            serde_json::to_string_pretty(&out)
        };
        text.unwrap_or_default()
    }
    let engine = match load(report, pack_arg) {
        Ok(e) => e,
        Err(problems) => {
            if format == Format::Json {
                outln!("{}", json(report, check::Unusable::of(&problems), lines));
            }
            unusable(&problems, lang);
            return 2;
        }
    };
    let findings = engine.findings();
    match format {
        Format::Json => {
            let result = check::Checked::of(&engine, &findings);
            outln!("{}", json(report, result, lines));
        }
        Format::Text => out(&check::text(&engine, &findings, lang.into())),
    }
    u8::from(check::has_errors(&findings))
}

/// Text made whole elsewhere, written out (it ends with its newline).
fn out(text: &str) {
    use std::io::Write as _;
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        write_failed(e);
    }
}

fn exit_for(findings: &[Finding]) -> ExitCode {
    ExitCode::from(u8::from(check::has_errors(findings)))
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

fn make_upload(report: &Path, pack_arg: Option<&str>, output: Option<PathBuf>) -> ExitCode {
    let engine = match load(report, pack_arg) {
        Ok(e) => e,
        Err(f) => return unusable(&f, Lang::Zh),
    };
    let up = upload::build(&engine);
    match emit(output, upload::to_json(&up)) {
        Ok(()) => exit_for(&up.findings),
        Err(code) => code,
    }
}

fn verify(path: &Path, pack_file: Option<PathBuf>, format: Format, lang: Lang) -> ExitCode {
    let text = match read(path, Kind::Upload) {
        Ok(t) => t,
        Err(f) => return unusable(&[*f], lang),
    };
    let pack = match pack_file {
        Some(p) => {
            let t = match read(&p, Kind::Pack) {
                Ok(t) => t,
                Err(f) => return unusable(&[*f], lang),
            };
            match jixiao::Pack::from_json(&t) {
                Ok(p) => Some(std::sync::Arc::new(p)),
                Err(f) => return unusable(&f, lang),
            }
        }
        None => None,
    };
    let v = upload::verify_owned_before_exit(text, pack);
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default()),
        Format::Text => out(&check::verify_text(&v, lang.into())),
    }
    ExitCode::from(v.verdict().exit_status())
}

fn packs(format: Format) -> ExitCode {
    let list = match pack::builtin_list() {
        Ok(list) => list,
        Err(id) => {
            eprintln!("内置评价体系 {id} 无法加载");
            return ExitCode::from(2);
        }
    };
    match format {
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        ),
        Format::Text => out(&check::packs_text(&list)),
    }
    ExitCode::SUCCESS
}
