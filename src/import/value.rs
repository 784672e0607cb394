//! Parsing cell values: points, figures (ratios and percentages), dates.

use std::fmt;

/// Why a cell value was refused; the Display says what was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("không phải số; cần một số không âm, ví dụ 7,5 hoặc 7.5")]
    NotANumber,
    #[error("chỉ được dùng các chữ số 0–9; cần một số như 7,5 hoặc 7.5")]
    NonAsciiDigit,
    #[error("không được là số âm; cần một số từ 0 trở lên")]
    Negative,
    #[error(
        "không rõ đâu là phần thập phân (có nhiều dấu chấm/phẩy); hãy viết không dùng dấu \
         phân cách hàng nghìn, ví dụ 1000,5 hoặc 1000.5"
    )]
    AmbiguousSeparators,
    #[error("số quá lớn")]
    TooLarge,
    #[error("không đúng dạng số liệu; cần tỉ lệ như 95/100 hoặc phần trăm như 95%")]
    NotAFigure,
    #[error("mẫu số phải lớn hơn 0; cần tỉ lệ như 95/100")]
    ZeroDenominator,
    #[error("tỉ lệ phần trăm không được vượt quá 100%")]
    PercentOver100,
    #[error("tỉ lệ vượt quá 100% (số đã thực hiện lớn hơn tổng số); hãy kiểm tra lại hai số, ví dụ 95/100")]
    RatioOver100,
    #[error(
        "số có dấu phân cách hàng nghìn (ví dụ 1.245 là một nghìn hai trăm bốn mươi lăm, không phải 1,245); hãy \
         viết số không có dấu phân cách, ví dụ 1245/2000"
    )]
    ThousandsSeparator,
}

/// Points (điểm): `""` → `None`; `7.5` and `7,5` both accepted; no sign,
/// exponent, thousands separator, NaN/inf or non-ASCII digits.
pub fn parse_points(s: &str) -> Result<Option<f64>, ValueError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    parse_number(t).map(Some)
}

fn parse_number(t: &str) -> Result<f64, ValueError> {
    if t.chars().any(|c| !c.is_ascii() && c.is_numeric()) {
        return Err(ValueError::NonAsciiDigit);
    }
    if let Some(rest) = t.strip_prefix('-') {
        return match parse_number(rest.trim_start()) {
            Ok(_) => Err(ValueError::Negative),
            Err(e) => Err(e),
        };
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let separators = t.bytes().filter(|&b| b == b'.' || b == b',').count();
    if separators > 1 {
        return Err(ValueError::AmbiguousSeparators);
    }
    let (int, frac) = match t.find(['.', ',']) {
        Some(i) => (t.get(..i).unwrap_or(""), t.get(i + 1..).unwrap_or("")),
        None => (t, "0"),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) {
        return Err(ValueError::NotANumber);
    }
    // `7,5` is read as `7.5`; a dot is parsed in place, without building a new string per cell.
    let parsed = if t.contains(',') { format!("{int}.{frac}").parse() } else { t.parse() };
    let value: f64 = parsed.map_err(|_| ValueError::NotANumber)?;
    if value.is_finite() { Ok(value) } else { Err(ValueError::TooLarge) }
}

/// A figure (số liệu) reported with a result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// `95/100`: done out of total, at most the total.
    Ratio { num: f64, den: f64 },
    /// `95%` or `95,5 %`, at most 100.
    Percent(f64),
}

impl Figure {
    /// The figure as a percentage.
    pub fn percent(&self) -> f64 {
        match *self {
            Figure::Ratio { num, den } => num / den * 100.0,
            Figure::Percent(p) => p,
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Ratio { num, den } => write!(f, "{num}/{den}"),
            Figure::Percent(p) => write!(f, "{p}%"),
        }
    }
}

/// Figure: `""` → `None`, `95/100` → ratio, `95%` → percentage.
pub fn parse_figure(s: &str) -> Result<Option<Figure>, ValueError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    // A bad number inside a figure is reported as a bad figure, which says
    // what the whole cell should look like.
    let part = |p: &str| match parse_number(p.trim()) {
        Err(ValueError::NotANumber) => Err(ValueError::NotAFigure),
        other => other,
    };
    if let Some(p) = t.strip_suffix('%') {
        let v = part(p)?;
        if v > 100.0 {
            return Err(ValueError::PercentOver100);
        }
        return Ok(Some(Figure::Percent(v)));
    }
    if let Some((a, b)) = t.split_once('/') {
        // Counts are whole numbers: `1.245` in a ratio is a thousands separator, which parsing would read as 1,245.
        let grouped = |p: &str| p.trim().find(['.', ',']).is_some_and(|i| p.trim().len() - i - 1 == 3);
        if grouped(a) || grouped(b) {
            return Err(ValueError::ThousandsSeparator);
        }
        let num = part(a)?;
        let den = part(b)?;
        if den <= 0.0 {
            return Err(ValueError::ZeroDenominator);
        }
        if num > den {
            return Err(ValueError::RatioOver100);
        }
        return Ok(Some(Figure::Ratio { num, den }));
    }
    Err(ValueError::NotAFigure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_accept_both_decimal_marks() {
        assert_eq!(parse_points(""), Ok(None));
        assert_eq!(parse_points("  "), Ok(None));
        assert_eq!(parse_points("7.5"), Ok(Some(7.5)));
        assert_eq!(parse_points(" 7,5 "), Ok(Some(7.5)));
        assert_eq!(parse_points("8"), Ok(Some(8.0)));
        assert_eq!(parse_points("0"), Ok(Some(0.0)));
        assert_eq!(parse_points("+3"), Ok(Some(3.0)));
        assert_eq!(parse_points("2.125"), Ok(Some(2.125)));
        assert_eq!(parse_points("1,000"), Ok(Some(1.0)));
    }

    #[test]
    fn points_reject_the_tricky_cases() {
        use ValueError::*;
        for (input, want) in [
            ("1e309", NotANumber),
            ("1e3", NotANumber),
            ("NaN", NotANumber),
            ("inf", NotANumber),
            ("infinity", NotANumber),
            ("-1", Negative),
            ("- 2,5", Negative),
            ("-abc", NotANumber),
            ("٣", NonAsciiDigit),
            ("７", NonAsciiDigit),
            ("1.000,5", AmbiguousSeparators),
            ("1.000.000", AmbiguousSeparators),
            (".5", NotANumber),
            ("5.", NotANumber),
            ("7 5", NotANumber),
            ("TRUE", NotANumber),
            ("05/07/2026", NotANumber),
            ("0x10", NotANumber),
        ] {
            assert_eq!(parse_points(input), Err(want), "{input:?}");
        }
        let huge = "9".repeat(400);
        assert_eq!(parse_points(&huge), Err(TooLarge));
    }

    #[test]
    fn figures() {
        assert_eq!(parse_figure("95/100"), Ok(Some(Figure::Ratio { num: 95.0, den: 100.0 })));
        assert_eq!(parse_figure(" 95 / 100 ").map(|f| f.map(|f| f.percent())), Ok(Some(95.0)));
        assert_eq!(parse_figure("95%"), Ok(Some(Figure::Percent(95.0))));
        assert_eq!(parse_figure("95,5 %"), Ok(Some(Figure::Percent(95.5))));
        assert_eq!(parse_figure("100%"), Ok(Some(Figure::Percent(100.0))));
        assert_eq!(parse_figure(""), Ok(None));
        let half = parse_figure("50/100").unwrap().unwrap();
        assert_eq!(half.percent(), 50.0);
        assert_eq!(half.to_string(), "50/100");
        assert_eq!(parse_figure("2,5/10"), Ok(Some(Figure::Ratio { num: 2.5, den: 10.0 })));
        assert_eq!(Figure::Percent(95.5).to_string(), "95.5%");
    }

    #[test]
    fn figures_rejected() {
        use ValueError::*;
        for (input, want) in [
            ("101%", PercentOver100),
            ("101/100", RatioOver100),
            ("1.245/2000", ThousandsSeparator),
            ("245/1,000", ThousandsSeparator),
            ("5/0", ZeroDenominator),
            ("-5/100", Negative),
            ("-5%", Negative),
            ("95", NotAFigure),
            ("0.95", NotAFigure),
            ("abc/100", NotAFigure),
            ("1/2/3", NotAFigure),
            ("%", NotAFigure),
            ("NaN%", NotAFigure),
            ("٩٥%", NonAsciiDigit),
        ] {
            assert_eq!(parse_figure(input), Err(want), "{input:?}");
        }
    }
}
