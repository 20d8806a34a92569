//! Unit tests of `bigint`: exponentiation against `BigUint::modpow`.

use num_bigint::BigUint;

use super::*;

fn limbs(n: &BigUint, len: usize) -> Vec<u64> {
    let mut l: Vec<u64> = n.iter_u64_digits().collect();
    l.resize(len, 0);
    l
}

fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn random(seed: &mut u64, words: usize) -> BigUint {
    let digits: Vec<u32> = (0..2 * words).map(|_| xorshift(seed) as u32).collect();
    BigUint::from_slice(&digits)
}

/// An odd modulus of `words` limbs with its top bit set.
fn modulus(seed: &mut u64, words: usize) -> BigUint {
    let n = random(seed, words) | (BigUint::from(1u8) << (64 * words - 1)) | BigUint::from(1u8);
    assert_eq!(n.bits() as usize, 64 * words, "modulus size");
    n
}

#[test]
fn window_power_matches_modpow() {
    let mut seed = 0x5eed_1234_abcd_0001u64;
    for words in [1usize, 2, 3, 7, 48] {
        let n = modulus(&mut seed, words);
        let mont = Montgomery::new(&n);
        for exp_words in [1usize, 2, 5, 16] {
            let base = random(&mut seed, words) % &n;
            let exp = random(&mut seed, exp_words);
            let want = base.modpow(&exp, &n);
            let got = mont.pow(&limbs(&base, words), &limbs(&exp, exp_words));
            assert_eq!(
                got,
                limbs(&want, words),
                "{words}-limb n, {exp_words}-limb exponent"
            );
        }
        let base = random(&mut seed, words) % &n;
        let zero = mont.pow(&limbs(&base, words), &[0]);
        assert_eq!(zero, limbs(&BigUint::from(1u8), words), "x^0 = 1");
    }
}

#[test]
fn comb_matches_modpow_and_falls_back_past_its_size() {
    let mut seed = 0x5eed_1234_abcd_0002u64;
    for (words, teeth, max_bits) in [(1usize, 3usize, 64usize), (7, 4, 300), (48, 6, 1024)] {
        let n = modulus(&mut seed, words);
        let mont = Montgomery::new(&n);
        let g = random(&mut seed, words) % &n;
        let comb = FixedBase::new(&mont, &limbs(&g, words), teeth, max_bits);
        for exp_words in [1usize, max_bits / 64, max_bits / 64 + 2] {
            let exp = random(&mut seed, exp_words.max(1));
            let want = g.modpow(&exp, &n);
            let got = comb.pow(&mont, &limbs(&exp, exp_words.max(1)));
            assert_eq!(
                got,
                limbs(&want, words),
                "{words}-limb n, {exp_words}-limb exponent"
            );
        }
        let two = BigUint::from(2u8);
        let got = comb.pow(&mont, &[2]);
        assert_eq!(got, limbs(&g.modpow(&two, &n), words), "g^2");
    }
}

#[test]
fn mod_mul_and_mod_sub_match_biguint() {
    let mut seed = 0x5eed_1234_abcd_0004u64;
    for words in [1usize, 3, 48] {
        let n = modulus(&mut seed, words);
        let mont = Montgomery::new(&n);
        for _ in 0..8 {
            let a = random(&mut seed, words) % &n;
            let b = random(&mut seed, words) % &n;
            let (la, lb) = (limbs(&a, words), limbs(&b, words));
            assert_eq!(
                mont.mod_mul(&la, &lb),
                limbs(&(&a * &b % &n), words),
                "a·b mod n"
            );
            let diff = (&a + &n - &b) % &n;
            assert_eq!(mont.mod_sub(&la, &lb), limbs(&diff, words), "a − b mod n");
        }
        let a = random(&mut seed, words) % &n;
        let la = limbs(&a, words);
        assert_eq!(mont.mod_sub(&la, &la), vec![0; words], "a − a = 0");
    }
}

#[test]
fn select_reads_the_wanted_entry() {
    let table: Vec<u64> = (0..12).collect();
    let mut out = [0u64; 3];
    for i in 0..4 {
        select(&table, i, &mut out);
        let want = [3 * i as u64, 3 * i as u64 + 1, 3 * i as u64 + 2];
        assert_eq!(out, want, "entry {i}");
    }
}

/// Timings of the pieces at SRP's size; `cargo test --release --lib bigint::tests::timing -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn timing() {
    use std::time::Duration;
    // CPU time of this thread (ns), so other work on a busy machine does not count.
    struct Instant(u64);
    impl Instant {
        fn now() -> Self {
            let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
            Self(stat.split_whitespace().next().unwrap().parse().unwrap())
        }
        fn elapsed(&self) -> Duration {
            Duration::from_nanos(Self::now().0 - self.0)
        }
    }
    let mut seed = 0x5eed_1234_abcd_0003u64;
    for words in [32usize, 48] {
        let n = modulus(&mut seed, words);
        let mont = Montgomery::new(&n);
        let a = limbs(&(random(&mut seed, words) % &n), words);
        let b = limbs(&(random(&mut seed, words) % &n), words);
        let mut out = vec![0u64; words];
        let mut scratch = vec![0u64; 2 * words + 1];
        let rounds = 100_000;
        let t = Instant::now();
        for _ in 0..rounds {
            mont.mul(std::hint::black_box(&a), &b, &mut out, &mut scratch);
        }
        println!("{words} limbs: mul {:?}", t.elapsed() / rounds);
        let t = Instant::now();
        for _ in 0..rounds {
            mont.sqr(std::hint::black_box(&a), &mut out, &mut scratch);
        }
        println!("{words} limbs: sqr {:?}", t.elapsed() / rounds);
    }
    let n = modulus(&mut seed, 48);
    let mont = Montgomery::new(&n);
    let a = limbs(&(random(&mut seed, 48) % &n), 48);
    let mut out = vec![0u64; 48];
    let rounds = 100_000;
    let table = vec![7u64; 64 * 48];
    let t = Instant::now();
    for i in 0..rounds {
        select(std::hint::black_box(&table), i as usize % 64, &mut out);
    }
    println!("select of 64 {:?}", t.elapsed() / rounds);
    let exp = limbs(&random(&mut seed, 16), 16);
    let t = Instant::now();
    for _ in 0..100 {
        std::hint::black_box(mont.pow(&a, &exp));
    }
    println!("pow 1024-bit exponent {:?}", t.elapsed() / 100);
    for teeth in [5usize, 6, 7, 8] {
        let t = Instant::now();
        let comb = FixedBase::new(&mont, &limbs(&BigUint::from(2u8), 48), teeth, 1024);
        println!("comb {teeth} build {:?}", t.elapsed());
        let t = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(comb.pow(&mont, &exp));
        }
        println!("comb {teeth} pow 1024-bit {:?}", t.elapsed() / 200);
    }
}
