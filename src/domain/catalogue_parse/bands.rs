//! Checking the classification: its bands cover 0–100 end to end. A gap or an overlap is told by the two bands
//! that meet wrongly (name, code, scores), the scores in question and the two bounds that would mend it, pointed at
//! the `min` of the upper band (in a workbook: its «Từ điểm» cell).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{Collector, EPSILON};
use crate::domain::catalogue::{Band, Classification};
use crate::domain::number;

#[derive(Deserialize)]
pub(super) struct RawClassification {
    #[serde(default)]
    basis: String,
    top_band_cap_percent: Option<Spanned<f64>>,
    top_band_cap_base: Option<Spanned<String>>,
    bands: Vec<Spanned<RawBand>>,
}

#[derive(Deserialize)]
struct RawBand {
    code: String,
    name: String,
    min: Spanned<f64>,
    max: Spanned<f64>,
}

/// A band and where its bounds are written.
struct Placed {
    band: Band,
    min_at: Range<usize>,
    max_at: Range<usize>,
}

pub(super) fn check_bands(c: &mut Collector, raw: Spanned<RawClassification>) -> Classification {
    let span = raw.span();
    let raw = raw.into_inner();
    let mut bands: Vec<Placed> = raw
        .bands
        .into_iter()
        .map(|b| {
            let b = b.into_inner();
            let (min_at, max_at) = (b.min.span(), b.max.span());
            let band = Band { code: b.code, name: b.name, min: b.min.into_inner(), max: b.max.into_inner() };
            Placed { band, min_at, max_at }
        })
        .collect();
    if bands.is_empty() {
        c.at(span.clone(), "chưa có mức xếp loại nào (classification.bands)");
    }
    for p in &bands {
        let b = &p.band;
        if b.min >= b.max || !b.min.is_finite() || !b.max.is_finite() {
            let (min, max) = (score(b.min), score(b.max));
            c.at(p.min_at.clone(), format!("mức «{}»: min ({min}) phải nhỏ hơn max ({max})", b.code));
        }
    }
    bands.sort_by(|a, b| a.band.min.total_cmp(&b.band.min));
    check_cover(c, &bands);
    bands.reverse();
    if let Some(cap) = &raw.top_band_cap_percent
        && !(0.0..=100.0).contains(cap.get_ref())
    {
        c.at(cap.span(), "top_band_cap_percent phải là một tỉ lệ phần trăm từ 0 đến 100");
    }
    let base = raw.top_band_cap_base.and_then(|base| {
        let parsed = crate::domain::classification::CapBase::parse(base.get_ref());
        if parsed.is_none() {
            c.at(base.span(), "top_band_cap_base phải là \"tot\" (theo số được xếp loại tốt) hoặc \"tot-tro-len\"");
        }
        parsed
    });
    Classification {
        basis: raw.basis,
        top_band_cap_percent: raw.top_band_cap_percent.map(Spanned::into_inner),
        top_band_cap_base: base,
        bands: bands.into_iter().map(|p| p.band).collect(),
    }
}

/// Bands sorted by `min`: each must start where the ones below it end, from 0 to 100.
fn check_cover(c: &mut Collector, bands: &[Placed]) {
    let Some(top) = (0..bands.len()).max_by(|&i, &j| bands[i].band.max.total_cmp(&bands[j].band.max)) else {
        return;
    };
    let shown = |i: usize| shown(&bands[i].band, i == top);
    // The band reaching highest so far: the one the next band must follow.
    let mut below: Option<usize> = None;
    for (i, p) in bands.iter().enumerate() {
        let b = &p.band;
        let message = match below {
            None if b.min > EPSILON => Some(format!(
                "mức thấp nhất {} bắt đầu từ {}: điểm số từ 0 đến dưới {} không thuộc mức nào; hãy sửa cận dưới (min) \
                 của mức «{}» thành 0",
                shown(i),
                score(b.min),
                score(b.min),
                b.code
            )),
            None if b.min < -EPSILON => Some(format!(
                "mức thấp nhất {} bắt đầu dưới 0: điểm số chỉ từ 0 đến 100; hãy sửa cận dưới (min) của mức «{}» thành 0",
                shown(i),
                b.code
            )),
            None => None,
            Some(j) => {
                let a = &bands[j].band;
                if b.min > a.max + EPSILON {
                    Some(format!(
                        "giữa mức {} và mức {} bỏ trống từ {} đến dưới {}: điểm số trong khoảng này không thuộc mức \
                         nào; hãy sửa cận trên (max) của mức «{}» thành {} hoặc cận dưới (min) của mức «{}» thành {}",
                        shown(j),
                        shown(i),
                        score(a.max),
                        score(b.min),
                        a.code,
                        score(b.min),
                        b.code,
                        score(a.max)
                    ))
                } else if b.min < a.max - EPSILON {
                    Some(overlap(a, &shown(j), b, &shown(i)))
                } else {
                    None
                }
            }
        };
        if let Some(message) = message {
            c.at(p.min_at.clone(), message);
        }
        if below.is_none_or(|j| b.max > bands[j].band.max) {
            below = Some(i);
        }
    }
    let highest = &bands[top];
    if (highest.band.max - 100.0).abs() > EPSILON {
        let message = format!(
            "mức cao nhất {} dừng ở {}: các mức xếp loại phải phủ kín 0–100; hãy sửa cận trên (max) của mức «{}» thành 100",
            shown(top),
            score(highest.band.max),
            highest.band.code
        );
        c.at(highest.max_at.clone(), message);
    }
}

/// Two bands sharing scores: `upper` starts inside `lower`.
fn overlap(lower: &Band, lower_shown: &str, upper: &Band, upper_shown: &str) -> String {
    let head = format!("mức {lower_shown} và mức {upper_shown} chồng lên nhau");
    if upper.max <= lower.max {
        return format!(
            "{head}: mức «{}» nằm trọn trong mức «{}»; mỗi điểm số chỉ được thuộc một mức: hãy sửa để mỗi mức bắt đầu \
             đúng ở cận trên (max) của mức ngay dưới nó",
            upper.code, lower.code
        );
    }
    format!(
        "{head} từ {} đến dưới {}: mỗi điểm số chỉ được thuộc một mức; hãy sửa cận dưới (min) của mức «{}» thành {} \
         hoặc cận trên (max) của mức «{}» thành {}",
        score(upper.min),
        score(lower.max),
        upper.code,
        score(lower.max),
        lower.code,
        score(upper.min)
    )
}

/// `«Hoàn thành tốt nhiệm vụ» (tot, từ 70 đến dưới 90)`; the top band includes its upper bound.
fn shown(band: &Band, top: bool) -> String {
    let to = if top { "đến" } else { "đến dưới" };
    format!("«{}» ({}, từ {} {to} {})", band.name, band.code, score(band.min), score(band.max))
}

/// A bound as written in the file, with a decimal comma (`70`, `89,99`, `70,006`).
fn score(x: f64) -> String {
    number::trimmed(x, 4)
}
