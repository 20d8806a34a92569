//! The Montgomery context: a context per odd modulus (`n` as little-endian
//! limbs, `-n^-1 mod 2^64`, `R^2 mod n`), multiplication and squaring with
//! Montgomery reduction, and the RS256 verifier's left-to-right `s^e mod n`
//! for a small public `e` that leaves the Montgomery domain in its last step.
//! Set-up uses `num-bigint`; the rest is the hot path.

use num_bigint::BigUint;

/// A Montgomery context for one odd modulus `n` with `R = 2^(64·len)`.
#[derive(Clone)]
pub(crate) struct Montgomery {
    /// `n`, little-endian limbs.
    n: Vec<u64>,
    /// `-n^-1 mod 2^64`.
    n0_inv: u64,
    /// `R^2 mod n`, little-endian limbs.
    r2: Vec<u64>,
}

impl Montgomery {
    /// `n` must be odd and at least 64 bits (checked by the caller).
    pub(crate) fn new(n: &BigUint) -> Self {
        let limbs: Vec<u64> = n.iter_u64_digits().collect();
        let len = limbs.len();
        let n0 = limbs.first().copied().unwrap_or(1);
        // Newton's iteration for n0^-1 mod 2^64: n0 is its own inverse mod 8,
        // and each step doubles the number of correct bits (3, 6, …, 96).
        let mut inv = n0;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(inv)));
        }
        let r2 = (BigUint::from(1u8) << (128 * len)) % n;
        let mut r2: Vec<u64> = r2.iter_u64_digits().collect();
        r2.resize(len, 0);
        Self {
            n: limbs,
            n0_inv: inv.wrapping_neg(),
            r2,
        }
    }

    /// The number of limbs of `n`.
    pub(crate) fn len(&self) -> usize {
        self.n.len()
    }

    /// `R^2 mod n`, little-endian limbs.
    pub(super) fn r2(&self) -> &[u64] {
        &self.r2
    }

    /// `n`, little-endian limbs.
    pub(crate) fn modulus(&self) -> &[u64] {
        &self.n
    }

    /// `s^e mod n` for `s < n` and odd `e >= 3`, as plain (non-Montgomery)
    /// limbs (allocating; see [`pow_plain_in`](Self::pow_plain_in)).
    #[cfg(test)]
    pub(crate) fn pow_plain(&self, s: &[u64], e: u64) -> Vec<u64> {
        let len = self.len();
        let mut work = vec![0u64; 5 * len + 1];
        let mut out = vec![0u64; len];
        self.pow_plain_in(s, e, &mut out, &mut work);
        out
    }

    /// `out = s^e mod n` for `s < n` and odd `e >= 3`, as plain
    /// (non-Montgomery) limbs, with no allocation: `work` has at least
    /// `5·len + 1` limbs. Left-to-right square-and-multiply in the Montgomery
    /// domain; the final multiplication uses the plain `s`, which also leaves
    /// the domain. Variable time in `e` (public in RS256).
    pub(crate) fn pow_plain_in(&self, s: &[u64], e: u64, out: &mut [u64], work: &mut [u64]) {
        let len = self.len();
        let (scratch, rest) = work.split_at_mut(2 * len + 1);
        let (s_mont, rest) = rest.split_at_mut(len);
        let (mut x, rest) = rest.split_at_mut(len);
        let mut y = &mut rest[..len];
        self.mul(s, &self.r2, s_mont, scratch);
        x.copy_from_slice(s_mont);
        let top = 63 - e.leading_zeros();
        for i in (1..top).rev() {
            self.sqr(x, y, scratch);
            if (e >> i) & 1 == 1 {
                self.mul(y, s_mont, x, scratch);
            } else {
                std::mem::swap(&mut x, &mut y);
            }
        }
        // Bit 0 is set (e is odd): square, then multiply by the plain s.
        self.sqr(x, y, scratch);
        self.mul(y, s, out, scratch);
    }

    /// `out = a²·R^-1 mod n` for `a < n`; `scratch` has `2·len + 1` limbs.
    pub(super) fn sqr(&self, a: &[u64], out: &mut [u64], scratch: &mut [u64]) {
        self.with_kernel(|k| k.sqr(a, out, scratch));
    }

    /// `out = a·b·R^-1 mod n` for `a, b < n`; `scratch` has at least `len + 1` limbs.
    pub(super) fn mul(&self, a: &[u64], b: &[u64], out: &mut [u64], scratch: &mut [u64]) {
        self.with_kernel(|k| k.mul(a, b, out, scratch));
    }

    /// Runs `f` on the kernels. (Copies specialised to 32 and 48 limbs
    /// through a `match` on the length measured no faster, within 3%.)
    #[inline(always)]
    fn with_kernel<R>(&self, f: impl FnOnce(Kernel<'_>) -> R) -> R {
        f(Kernel {
            n: &self.n,
            n0_inv: self.n0_inv,
        })
    }
}

/// The Montgomery kernels for one modulus.
#[derive(Clone, Copy)]
struct Kernel<'a> {
    /// `n`, little-endian limbs.
    n: &'a [u64],
    /// `-n^-1 mod 2^64`.
    n0_inv: u64,
}

impl Kernel<'_> {
    /// The number of limbs of `n`.
    #[inline(always)]
    fn len(self) -> usize {
        self.n.len()
    }

    /// `out = a²·R^-1 mod n` for `a < n`: the full square (each cross
    /// product computed once and doubled), then a Montgomery reduction.
    /// `scratch` has `2·len + 1` limbs.
    #[inline(always)]
    fn sqr(self, a: &[u64], out: &mut [u64], scratch: &mut [u64]) {
        let len = self.len();
        let a = &a[..len];
        let t = &mut scratch[..2 * len + 1];
        t.fill(0);
        // Cross products a[i]·a[j], i < j, two rows at a time: row i+1
        // trails row i by one column, giving two independent carry chains.
        let mut i = 0;
        while i + 2 < len {
            let (x0, x1) = (u128::from(a[i]), u128::from(a[i + 1]));
            let v = u128::from(t[2 * i + 1]) + x0 * x1;
            t[2 * i + 1] = v as u64;
            let v = u128::from(t[2 * i + 2]) + x0 * u128::from(a[i + 2]) + (v >> 64);
            t[2 * i + 2] = v as u64;
            let (mut c0, mut c1) = ((v >> 64) as u64, 0u64);
            let both = t[2 * i + 3..i + len]
                .iter_mut()
                .zip(&a[i + 3..])
                .zip(&a[i + 2..]);
            for ((tp, &aj), &aj_1) in both {
                let v0 = u128::from(*tp) + x0 * u128::from(aj) + u128::from(c0);
                c0 = (v0 >> 64) as u64;
                let v1 = u128::from(v0 as u64) + x1 * u128::from(aj_1) + u128::from(c1);
                c1 = (v1 >> 64) as u64;
                *tp = v1 as u64;
            }
            let v = x1 * u128::from(a[len - 1]) + u128::from(c0) + u128::from(c1);
            t[i + len] = v as u64;
            t[i + len + 1] = (v >> 64) as u64;
            i += 2;
        }
        while i + 1 < len {
            let ai = u128::from(a[i]);
            let mut c = 0u64;
            for (tj, &aj) in t[2 * i + 1..i + len].iter_mut().zip(&a[i + 1..]) {
                let v = u128::from(*tj) + ai * u128::from(aj) + u128::from(c);
                *tj = v as u64;
                c = (v >> 64) as u64;
            }
            t[i + len] = c;
            i += 1;
        }
        // Double them, then add the squares a[i]² on the diagonal.
        let mut high = 0u64;
        for tj in t[..2 * len].iter_mut() {
            let next = *tj >> 63;
            *tj = (*tj << 1) | high;
            high = next;
        }
        let mut c = 0u64;
        for (pair, &ai) in t[..2 * len].chunks_exact_mut(2).zip(a) {
            let sq = u128::from(ai) * u128::from(ai);
            let lo = u128::from(pair[0]) + (sq & u128::from(u64::MAX)) + u128::from(c);
            pair[0] = lo as u64;
            let hi = u128::from(pair[1]) + (sq >> 64) + (lo >> 64);
            pair[1] = hi as u64;
            c = (hi >> 64) as u64;
        }
        self.redc(t, out);
    }

    /// Montgomery reduction: `out = t·R^-1 mod n` for `t < n·R` held in the
    /// first `2·len` limbs of `t` (the last limb is working space).
    ///
    /// Rows go in pairs: row `i+1` trails row `i` by one column inside the
    /// same loop, which gives the processor two independent carry chains.
    #[inline(always)]
    fn redc(self, t: &mut [u64], out: &mut [u64]) {
        let n = self.n;
        let len = n.len();
        let t = &mut t[..=2 * len];
        let n0 = n.first().copied().unwrap_or(0);
        let n1 = n.get(1).copied().unwrap_or(0);
        let n_inv = self.n0_inv;
        let mut top = 0u64;
        let mut i = 0;
        while i + 1 < len {
            let row = &mut t[i..=i + len + 1];
            let m0 = u128::from(row[0].wrapping_mul(n_inv));
            let v = u128::from(row[0]) + m0 * u128::from(n0);
            let v = u128::from(row[1]) + m0 * u128::from(n1) + (v >> 64);
            let mut c0 = (v >> 64) as u64;
            let m1 = u128::from((v as u64).wrapping_mul(n_inv));
            let v = u128::from(v as u64) + m1 * u128::from(n0);
            let mut c1 = (v >> 64) as u64;
            for ((tj, &nj), &nj_1) in row[2..len].iter_mut().zip(&n[2..]).zip(&n[1..]) {
                let v0 = u128::from(*tj) + m0 * u128::from(nj) + u128::from(c0);
                c0 = (v0 >> 64) as u64;
                let v1 = u128::from(v0 as u64) + m1 * u128::from(nj_1) + u128::from(c1);
                c1 = (v1 >> 64) as u64;
                *tj = v1 as u64;
            }
            let v0 = u128::from(row[len]) + u128::from(c0) + u128::from(top);
            let v1 = u128::from(v0 as u64) + m1 * u128::from(n[len - 1]) + u128::from(c1);
            row[len] = v1 as u64;
            let v = u128::from(row[len + 1]) + (v0 >> 64) + (v1 >> 64);
            row[len + 1] = v as u64;
            top = (v >> 64) as u64;
            i += 2;
        }
        if i < len {
            // An odd limb count leaves one row.
            let m = u128::from(t[i].wrapping_mul(n_inv));
            let mut c = 0u64;
            for (tj, &nj) in t[i..i + len].iter_mut().zip(n) {
                let v = u128::from(*tj) + m * u128::from(nj) + u128::from(c);
                *tj = v as u64;
                c = (v >> 64) as u64;
            }
            let v = u128::from(t[i + len]) + u128::from(c) + u128::from(top);
            t[i + len] = v as u64;
            top = (v >> 64) as u64;
        }
        t[2 * len] = top;
        self.reduce_once(&t[len..=2 * len], out);
    }

    /// `out = t mod n` for `t < 2n` given as `len + 1` limbs, without a
    /// branch on `t`: `t − n` is always computed, and a mask keeps `t` when
    /// the subtraction borrows.
    #[inline(always)]
    fn reduce_once(self, t: &[u64], out: &mut [u64]) {
        let n = self.n;
        let len = n.len();
        let out = &mut out[..len];
        let mut borrow = 0u64;
        for ((o, &tj), &nj) in out.iter_mut().zip(t).zip(n) {
            let (d1, b1) = tj.overflowing_sub(nj);
            let (d2, b2) = d1.overflowing_sub(borrow);
            *o = d2;
            borrow = u64::from(b1 | b2);
        }
        // A borrow out of the top limb means t < n: keep t.
        let keep_t = 0u64.wrapping_sub(u64::from(t[len] < borrow));
        for (o, &tj) in out.iter_mut().zip(t) {
            *o = (tj & keep_t) | (*o & !keep_t);
        }
    }

    /// `out = a·b·R^-1 mod n` for `a, b < n` (CIOS with the two inner loops
    /// fused). `scratch` has at least `len + 1` limbs.
    #[inline(always)]
    fn mul(self, a: &[u64], b: &[u64], out: &mut [u64], scratch: &mut [u64]) {
        let n = self.n;
        let len = n.len();
        let (Some(&a0), Some(&n0)) = (a.first(), n.first()) else {
            return;
        };
        let a = &a[..len];
        let t = &mut scratch[..=len];
        t.fill(0);
        for &bi in &b[..len] {
            let bi = u128::from(bi);
            let m = u128::from(
                t[0].wrapping_add(a0.wrapping_mul(bi as u64))
                    .wrapping_mul(self.n0_inv),
            );
            // j = 0: the low word of t0 + a0·bi + m·n0 is zero by choice of m.
            let v1 = u128::from(t[0]) + u128::from(a0) * bi;
            let mut c1 = (v1 >> 64) as u64;
            let v2 = u128::from(v1 as u64) + m * u128::from(n0);
            let mut c2 = (v2 >> 64) as u64;
            for j in 1..len {
                let v1 = u128::from(t[j]) + u128::from(a[j]) * bi + u128::from(c1);
                c1 = (v1 >> 64) as u64;
                let v2 = u128::from(v1 as u64) + m * u128::from(n[j]) + u128::from(c2);
                c2 = (v2 >> 64) as u64;
                t[j - 1] = v2 as u64;
            }
            let v = u128::from(t[len]) + u128::from(c1) + u128::from(c2);
            t[len - 1] = v as u64;
            t[len] = (v >> 64) as u64;
        }
        // t < 2n: one conditional subtraction gives t < n.
        self.reduce_once(t, out);
    }
}
