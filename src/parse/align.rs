//! Pairing a table's entries (standards, key questions) with its values (ratings,
//! percentages, counts) however a tool laid them out.
//!
//! A value that stands alone between its entry and the next is that entry's (rows kept
//! together, however they wrapped). The rest is laid out in blocks (a tool that writes a
//! table column by column puts every question first, then every percentage): the entries
//! left over take the values left over in order, but only when there are exactly as many
//! of each. Otherwise nothing is guessed: the entries stay without values and the caller
//! reports that the table could not be read.

/// Where each value falls: the index of the entry it follows (`None` before the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub after_entry: Option<usize>,
}

/// The outcome of pairing: the value index of each entry, and the counts left unpaired.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pairing {
    pub value_of: Vec<Option<usize>>,
    /// Entries and values that could not be paired (their numbers differ).
    pub unpaired: Option<(usize, usize)>,
}

/// Pairs `entries` entries with `values` (each placed after an entry). `wants(i)` says
/// whether entry `i` takes a value at all (a judged standard's key question does not).
pub fn pair(entries: usize, values: &[Placed], wants: impl Fn(usize) -> bool) -> Pairing {
    let mut per_entry: Vec<Vec<usize>> = vec![Vec::new(); entries];
    let mut stray: Vec<usize> = Vec::new();
    for (v, p) in values.iter().enumerate() {
        match p.after_entry.and_then(|e| per_entry.get_mut(e)) {
            // A value after an entry that takes none goes to the one before that takes one.
            Some(list) => list.push(v),
            None => stray.push(v),
        }
    }
    // Values after entries that take none belong to the last entry before them that does.
    let mut owner: Option<usize> = None;
    for e in 0..entries {
        if wants(e) {
            owner = Some(e);
        } else if let Some(o) = owner {
            let moved = std::mem::take(per_entry.get_mut(e).map_or(&mut Vec::new(), |l| l));
            if let Some(list) = per_entry.get_mut(o) {
                list.extend(moved);
            }
        } else if let Some(list) = per_entry.get_mut(e) {
            stray.append(list);
        }
    }
    let mut value_of = vec![None; entries];
    let mut used = vec![false; values.len()];
    for (e, list) in per_entry.iter().enumerate() {
        if let ([v], true) = (list.as_slice(), wants(e)) {
            if let Some(slot) = value_of.get_mut(e) {
                *slot = Some(*v);
            }
            if let Some(u) = used.get_mut(*v) {
                *u = true;
            }
        }
    }
    let open: Vec<usize> = (0..entries)
        .filter(|e| wants(*e) && value_of.get(*e).copied().flatten().is_none())
        .collect();
    let left: Vec<usize> = (0..values.len())
        .filter(|v| !used.get(*v).copied().unwrap_or(true))
        .filter(|v| !stray.contains(v) || !open.is_empty())
        .collect();
    let mut out = Pairing {
        value_of,
        unpaired: None,
    };
    if left.is_empty() {
        return out;
    }
    if left.len() == open.len() {
        for (e, v) in open.iter().zip(&left) {
            if let Some(slot) = out.value_of.get_mut(*e) {
                *slot = Some(*v);
            }
        }
    } else {
        out.unpaired = Some((open.len(), left.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(after: &[Option<usize>]) -> Vec<Placed> {
        after.iter().map(|a| Placed { after_entry: *a }).collect()
    }

    #[test]
    fn rows_pair_inline() {
        let p = pair(3, &placed(&[Some(0), Some(1), Some(2)]), |_| true);
        assert_eq!(p.value_of, vec![Some(0), Some(1), Some(2)]);
        assert_eq!(p.unpaired, None);
        // A row without its value stays without (the report's own gap).
        let p = pair(3, &placed(&[Some(0), Some(2)]), |_| true);
        assert_eq!(p.value_of, vec![Some(0), None, Some(1)]);
        assert_eq!(p.unpaired, None);
    }

    #[test]
    fn column_blocks_pair_in_order_when_the_counts_agree() {
        // Three questions, then three percentages after the last one.
        let p = pair(3, &placed(&[Some(2), Some(2), Some(2)]), |_| true);
        assert_eq!(p.value_of, vec![Some(0), Some(1), Some(2)]);
        // A page break: the first value alone after the first question, the rest pooled.
        let p = pair(3, &placed(&[Some(0), Some(2), Some(2)]), |_| true);
        assert_eq!(p.value_of, vec![Some(0), Some(1), Some(2)]);
        // Four values for three questions: nothing is guessed.
        let p = pair(3, &placed(&[Some(2), Some(2), Some(2), Some(2)]), |_| true);
        assert_eq!(p.value_of, vec![None, None, None]);
        assert_eq!(p.unpaired, Some((3, 4)));
    }

    #[test]
    fn entries_that_take_no_value_are_skipped() {
        // Entry 1 (a judged standard's key question) takes nothing: the value after it is
        // entry 0's.
        let p = pair(3, &placed(&[Some(1), Some(2)]), |e| e != 1);
        assert_eq!(p.value_of, vec![Some(0), None, Some(1)]);
    }
}
