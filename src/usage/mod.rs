//! Usage errors in Vietnamese: clap finds what is wrong, this says it in the user's language.

use std::error::Error as _;

use clap::Command;
use clap::error::{ContextKind, ContextValue, ErrorKind};

mod hints;

pub use hints::word_quotes;

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

/// The message for a usage error (exit code 2), ending with how to get help. `cmd` is the (sub)command the line
/// reached, `path` its name as typed (`cchc round`): where the commands and an option's values are looked up.
pub fn message(err: &clap::Error, cmd: &Command, path: &str) -> String {
    let arg = context(err, ContextKind::InvalidArg);
    let value = context(err, ContextKind::InvalidValue);
    let valid = context(err, ContextKind::ValidValue);
    let mut listing = None;
    let mut text = match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} cần một giá trị{}", hints::values_of(cmd, &arg)),
        ErrorKind::InvalidValue => format!("giá trị «{value}» không hợp lệ cho {arg}; các giá trị được nhận: {valid}"),
        ErrorKind::ValueValidation => {
            let reason = err.source().map(|s| s.to_string()).unwrap_or_default();
            format!("giá trị «{value}» của {arg} không hợp lệ: {reason}")
        }
        ErrorKind::UnknownArgument => format!("không có tùy chọn «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            let word = context(err, ContextKind::InvalidSubcommand);
            listing = hints::command_list(cmd, path);
            // clap's own guess, when it has one, is added below like the other suggestions.
            match hints::nearest(cmd, path, &word) {
                Some(near) if context(err, ContextKind::SuggestedSubcommand).is_empty() => {
                    format!("không có lệnh «{word}». Gần nhất: {near}")
                }
                _ => format!("không có lệnh «{word}»"),
            }
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}{}", hints::values_of(cmd, &arg)),
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
    if let Some(listing) = listing {
        text.push_str(&format!("\n\n{listing}"));
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
