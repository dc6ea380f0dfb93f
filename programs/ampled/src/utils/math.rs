//! Checked arithmetic that names the failing operation instead of panicking or wrapping.

use crate::errors::AmpledError;
use anchor_lang::prelude::*;

pub trait SafeMath: Sized {
    fn safe_add(self, rhs: Self) -> Result<Self>;
    fn safe_sub(self, rhs: Self) -> Result<Self>;
}

macro_rules! impl_safe_math {
    ($($t:ty),*) => {$(
        impl SafeMath for $t {
            #[track_caller]
            fn safe_add(self, rhs: Self) -> Result<Self> {
                self.checked_add(rhs).ok_or_else(|| {
                    msg!("overflow: {} + {}", self, rhs);
                    error!(AmpledError::MathOverflow)
                })
            }
            #[track_caller]
            fn safe_sub(self, rhs: Self) -> Result<Self> {
                self.checked_sub(rhs).ok_or_else(|| {
                    msg!("underflow: {} - {}", self, rhs);
                    error!(AmpledError::MathOverflow)
                })
            }
        }
    )*};
}

impl_safe_math!(u32, u64, i64);

/// `ceil(value * bps / 10_000)` without overflow for any u32 value.
pub fn ceil_bps(value: u32, bps: u16) -> u32 {
    let scaled = u64::from(value) * u64::from(bps);
    // value * bps / 10_000 <= value, so this always fits back into u32.
    scaled.div_ceil(10_000) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_add_and_sub_refuse_to_wrap() {
        assert_eq!(2u64.safe_add(3).unwrap(), 5);
        assert!(u64::MAX.safe_add(1).is_err());
        assert!(0u32.safe_sub(1).is_err());
        assert_eq!(i64::MAX.safe_sub(1).unwrap(), i64::MAX - 1);
    }

    #[test]
    fn ceil_bps_rounds_up() {
        assert_eq!(ceil_bps(3, 5_000), 2);
        assert_eq!(ceil_bps(4, 5_000), 2);
        assert_eq!(ceil_bps(10, 6_667), 7);
        assert_eq!(ceil_bps(0, 10_000), 0);
        assert_eq!(ceil_bps(u32::MAX, 10_000), u32::MAX);
    }
}
