//! Sorting, done one way across the app.
//!
//! Every `sort_by_key` with its own closure is a separate copy of the
//! standard sort in the wasm (several kilobytes each). All orderings here go
//! through one integer-keyed sort instead.

/// Sort stably by an integer key (earlier, smaller first).
pub fn sort_by_i64<T>(items: &mut Vec<T>, key: impl Fn(&T) -> i64) {
    let keyed: Vec<(i64, usize)> = items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        merge_sort(keyed)
            .into_iter()
            .filter_map(|(_, i)| slots[i].take()),
    );
}

/// A plain bottom-up merge sort, stable (ties keep their order). The
/// standard library's sorts are faster on some inputs, but each brings
/// several kilobytes of code into the wasm; this is a few hundred bytes,
/// and n log n on the 5,000 deliverables of a long engagement.
fn merge_sort(mut a: Vec<(i64, usize)>) -> Vec<(i64, usize)> {
    let n = a.len();
    let mut b = a.clone();
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut b[lo..hi] {
                // Take from the left run unless the right one is strictly
                // smaller: equal keys keep their order.
                if i < mid && (j >= hi || a[i].0 <= a[j].0) {
                    *slot = a[i];
                    i += 1;
                } else {
                    *slot = a[j];
                    j += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_key() {
        let mut v = vec![("b", 2), ("a", 1), ("c", 2), ("d", 0)];
        sort_by_i64(&mut v, |x| x.1);
        assert_eq!(v, vec![("d", 0), ("a", 1), ("b", 2), ("c", 2)]);
        sort_by_i64(&mut v, |x| -x.1);
        assert_eq!(v, vec![("b", 2), ("c", 2), ("a", 1), ("d", 0)]);
    }

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A small generator, so the cases are the same on every run.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in [0, 1, 2, 3, 7, 8, 9, 31, 64, 100, 1000, 5003] {
            let spread = 1 + next() % 50;
            let v: Vec<(i64, u32)> = (0..len)
                .map(|i| ((next() % spread) as i64 - 25, i as u32))
                .collect();
            let mut ours = v.clone();
            sort_by_i64(&mut ours, |x| x.0);
            let mut std_sorted = v;
            std_sorted.sort_by_key(|x| x.0);
            assert_eq!(ours, std_sorted, "{len} items");
        }
        let mut extremes = vec![(i64::MAX, 0), (i64::MIN, 1), (0, 2), (i64::MIN, 3)];
        sort_by_i64(&mut extremes, |x| x.0);
        assert_eq!(
            extremes,
            vec![(i64::MIN, 1), (i64::MIN, 3), (0, 2), (i64::MAX, 0)]
        );
    }
}
