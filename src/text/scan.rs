//! Byte scans of short texts (a row is mostly under 100 bytes) in 16-byte blocks as fixed
//! arrays, each tested without an early exit so the compiler makes vector code of it; the
//! last block overlaps the one before it instead of a byte-by-byte tail, which for a
//! short text was most of the work. A text shorter than a block is tested byte by byte.

/// Does any byte of `b` pass `test`?
pub(crate) fn any_byte(b: &[u8], test: impl Fn(u8) -> bool + Copy) -> bool {
    let block = |c: &[u8; 16]| c.iter().fold(false, |a, &x| a | test(x));
    match b.last_chunk::<16>() {
        None => b.iter().any(|&x| test(x)),
        Some(last) => {
            b.chunks_exact(16)
                .any(|c| c.first_chunk::<16>().is_some_and(block))
                || block(last)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length from 0 to 70 and every place of the one byte that passes: the blocks,
    /// the overlapping last block and the short path agree with a plain scan.
    #[test]
    fn scans_agree_with_a_plain_scan() {
        for len in 0..70 {
            for at in 0..len.max(1) {
                let mut b = vec![b'a'; len];
                if let Some(x) = b.get_mut(at) {
                    *x = b'7';
                }
                let plain = b.iter().any(|c| c.is_ascii_digit());
                assert_eq!(any_byte(&b, |c| c.is_ascii_digit()), plain, "{len} {at}");
                assert!(!any_byte(&b, |c| c == b'b'));
            }
        }
    }
}
