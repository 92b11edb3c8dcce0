//! Numbers behind the wins.

/// The change from `before` to `after` in whole percent, rounded half away
/// from zero. `None` when there is no "before" or it is zero.
pub fn percent_change(before: Option<f64>, after: f64) -> Option<i64> {
    let before = before?;
    if before == 0.0 || !before.is_finite() || !after.is_finite() {
        return None;
    }
    let pct = (after - before) / before.abs() * 100.0;
    Some(pct.round() as i64)
}

/// `+62%`, `-8%`, `±0%`: the sign is always shown.
pub fn signed_percent(p: i64) -> String {
    match p {
        0 => "±0%".to_string(),
        p if p > 0 => format!("+{p}%"),
        p => format!("−{}%", -p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_rounded_relative_change() {
        assert_eq!(percent_change(Some(2.1), 3.4), Some(62));
        assert_eq!(percent_change(Some(40.0), 30.0), Some(-25));
        assert_eq!(percent_change(Some(7.0), 7.0), Some(0));
        assert_eq!(percent_change(None, 3.0), None);
        assert_eq!(percent_change(Some(0.0), 3.0), None);
    }

    #[test]
    fn shows_the_sign() {
        assert_eq!(signed_percent(62), "+62%");
        assert_eq!(signed_percent(-25), "−25%");
        assert_eq!(signed_percent(0), "±0%");
    }
}
