//! Usage errors in Vietnamese: clap finds what is wrong, this says it in the user's language.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

fn context(err: &clap::Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(list)) => list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The message for a usage error (exit code 2), ending with how to get help.
pub fn message(err: &clap::Error) -> String {
    let arg = context(err, ContextKind::InvalidArg);
    let value = context(err, ContextKind::InvalidValue);
    let valid = context(err, ContextKind::ValidValue);
    let mut text = match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} cần một giá trị"),
        ErrorKind::InvalidValue => format!("giá trị «{value}» không hợp lệ cho {arg}; các giá trị được nhận: {valid}"),
        ErrorKind::ValueValidation => {
            let reason = err.source().map(|s| s.to_string()).unwrap_or_default();
            format!("giá trị «{value}» của {arg} không hợp lệ: {reason}")
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh «{}»", context(err, ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}"),
        ErrorKind::MissingSubcommand => "thiếu lệnh con".to_owned(),
        ErrorKind::ArgumentConflict => {
            format!("không dùng {arg} cùng với {}", context(err, ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("số giá trị của {arg} không đúng")
        }
        _ => err.kind().to_string(),
    };
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue] {
        let suggestion = context(err, kind);
        if !suggestion.is_empty() {
            text.push_str(&format!(". Có phải «{suggestion}»?"));
        }
    }
    let usage = localize_help(&context(err, ContextKind::Usage).replace("Usage:", "Cách dùng:"));
    if !usage.trim().is_empty() {
        text.push_str(&format!("\n\n{usage}"));
    }
    format!("Lỗi cú pháp: {text}\nXem trợ giúp: thêm --help vào lệnh.")
}

/// Help text with clap's few fixed English words in Vietnamese.
pub fn localize_help(text: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("[OPTIONS]", "[TÙY_CHỌN]"),
        ("[default:", "[mặc định:"),
        ("[env:", "[biến môi trường:"),
        ("[possible values: ", "[giá trị: "),
        ("Possible values:", "Các giá trị:"),
        ("[aliases: ", "[tên khác: "),
    ];
    WORDS.iter().fold(text.to_owned(), |text, (en, vi)| text.replace(en, vi))
}
