//! Fixed-width bit sets indexed by member index: how proposals record votes at two bits per
//! member, and how the community records who is active at one bit per member.

/// Bytes needed to hold `bits` bits.
pub const fn bytes_for(bits: u32) -> usize {
    (bits as usize).div_ceil(8)
}

pub fn get(bits: &[u8], index: u32) -> bool {
    let byte = (index / 8) as usize;
    byte < bits.len() && bits[byte] & (1 << (index % 8)) != 0
}

/// Sets or clears a bit; the caller has sized `bits` to hold `index`.
pub fn set(bits: &mut [u8], index: u32, value: bool) {
    let byte = (index / 8) as usize;
    let mask = 1u8 << (index % 8);
    if value {
        bits[byte] |= mask;
    } else {
        bits[byte] &= !mask;
    }
}

pub fn count(bits: &[u8]) -> u32 {
    bits.iter().map(|byte| byte.count_ones()).sum()
}

/// Number of indices set in both `a` and `b`, looking only at indices below `limit`.
pub fn count_common_below(a: &[u8], b: &[u8], limit: u32) -> u32 {
    let full_bytes = (limit / 8) as usize;
    let mut total = 0;
    for i in 0..bytes_for(limit) {
        let both = a.get(i).copied().unwrap_or(0) & b.get(i).copied().unwrap_or(0);
        let mask = if i < full_bytes {
            0xff
        } else {
            (1u8 << (limit % 8)) - 1
        };
        total += (both & mask).count_ones();
    }
    total
}

/// True when no index at or above `limit` is set.
pub fn is_clear_from(bits: &[u8], limit: u32) -> bool {
    (limit..(bits.len() as u32).saturating_mul(8)).all(|index| !get(bits, index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_and_count_round_trip() {
        let mut bits = vec![0u8; bytes_for(20)];
        assert_eq!(bits.len(), 3);
        for index in [0, 7, 8, 19] {
            set(&mut bits, index, true);
        }
        assert!(get(&bits, 7) && get(&bits, 8) && !get(&bits, 9));
        assert_eq!(count(&bits), 4);
        set(&mut bits, 7, false);
        assert_eq!(count(&bits), 3);
        assert!(!get(&bits, 200), "out of range reads as unset");
    }

    #[test]
    fn common_count_ignores_bits_at_or_above_limit() {
        let mut a = vec![0u8; 2];
        let mut b = vec![0u8; 2];
        for index in [1, 3, 9, 12] {
            set(&mut a, index, true);
            set(&mut b, index, true);
        }
        set(&mut a, 2, true);
        assert_eq!(count_common_below(&a, &b, 16), 4);
        assert_eq!(count_common_below(&a, &b, 10), 3);
        assert_eq!(count_common_below(&a, &b, 8), 2);
        assert_eq!(count_common_below(&a, &b, 0), 0);
        assert!(is_clear_from(&a, 13) && !is_clear_from(&a, 12));
    }
}
