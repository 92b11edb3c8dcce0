//! Sorting, done one way across the app.
//!
//! Every `sort_by_key` with its own closure is a separate copy of the
//! standard sort in the wasm (several kilobytes each). All orderings here go
//! through one integer-keyed sort instead.

/// Sort stably by an integer key (earlier, smaller first).
pub fn sort_by_i64<T>(items: &mut Vec<T>, key: impl Fn(&T) -> i64) {
    // (key, original index) pairs are all distinct, so an unstable sort of
    // them is a stable sort of the items.
    let mut keyed: Vec<(i64, usize)> = items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(keyed.into_iter().filter_map(|(_, i)| slots[i].take()));
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
}
