//! How large a scenario Tideline reads. A 16 MiB file can hold millions of tiny cells, far
//! past any real set of policy options, and scoring, the sensitivity sweeps and briefings grow
//! with options × criteria; these limits keep every command on every file within about 2 s
//! and 512 MB (README, Limits), refusing what is past them with its count and the limit.

/// Most options a scenario or matrix may have.
pub const MAX_OPTIONS: usize = 20_000;

/// Most criteria.
pub const MAX_CRITERIA: usize = 1_000;

/// Most performance cells (options × criteria, or the cells a scenario file lists).
pub const MAX_CELLS: usize = 200_000;

/// `12345678` as `12,345,678`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Why a scenario of `options` options, `criteria` criteria and `cells` cells is too large to
/// read, or `None`.
pub fn too_large(options: usize, criteria: usize, cells: usize) -> Option<String> {
    let message = if criteria > MAX_CRITERIA {
        format!(
            "{} criteria, over the limit of {}",
            grouped(criteria),
            grouped(MAX_CRITERIA)
        )
    } else if options > MAX_OPTIONS {
        format!(
            "{} options, over the limit of {}",
            grouped(options),
            grouped(MAX_OPTIONS)
        )
    } else if cells > MAX_CELLS {
        format!(
            "{} performance values ({} options × {} criteria), over the limit of {}",
            grouped(cells),
            grouped(options),
            grouped(criteria),
            grouped(MAX_CELLS)
        )
    } else {
        return None;
    };
    Some(format!(
        "too large: {message}; Tideline reads at most {} options, {} criteria and {} values (options × criteria)",
        grouped(MAX_OPTIONS),
        grouped(MAX_CRITERIA),
        grouped(MAX_CELLS)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1_234_567, "1,234,567"),
        ];
        for (n, want) in cases {
            assert_eq!(grouped(n), want);
        }
    }

    #[test]
    fn each_limit_is_named_with_the_count() {
        assert_eq!(too_large(MAX_OPTIONS, 10, 10 * MAX_OPTIONS / 10), None);
        let m = too_large(MAX_OPTIONS + 1, 2, 2 * (MAX_OPTIONS + 1)).unwrap_or_default();
        assert!(
            m.starts_with("too large: 20,001 options, over the limit of 20,000;"),
            "{m}"
        );
        let m = too_large(5, 1_001, 5_005).unwrap_or_default();
        assert!(
            m.starts_with("too large: 1,001 criteria, over the limit of 1,000;"),
            "{m}"
        );
        let m = too_large(2_000, 101, 202_000).unwrap_or_default();
        assert!(
            m.starts_with("too large: 202,000 performance values (2,000 options × 101 criteria), over the limit of 200,000;"),
            "{m}"
        );
    }
}
