;; WebAssembly SIMD (f64x2) kernels for entr and rel_entr: sums and elementwise maps over linear
;; memory. Assembled by scripts/build-wasm.js into lib/wasm/kernels-bytes.ts; lib/wasm/kernels.ts
;; is the TypeScript facade, which copies data into the regions at `a_base` / `b_base` in chunks
;; of `chunk` elements and calls the exports below.
;;
;; Pointers are byte offsets into the exported memory (8-byte aligned); n counts elements.
;;
;; Layout: [0, 1024) unused; [1024, 9216) T, the term block of $entr_block / $rel_block;
;; [9216, 17408) S, b broadcast for rel_entr_map(bstride = 0); [32768, 65600) a_base;
;; [66560, 99392) b_base. $entr_block works two elements at a time and may read one element
;; past n and write one past n (into the gap after each region); $rel_block hands an odd last
;; element to the scalar import.
;;
;; Sums: terms go to T in blocks of 1024 (an L1-resident store and reload, far cheaper than the
;; logarithm), then $sum adds a block with four independent f64x2 accumulators from +0.0,
;; combined pairwise at the end; block sums are added in order.
;;
;; The logarithm is musl's / fdlibm's e_log.c, vectorised and branch-free: with integer SIMD,
;; x = 2^k * m, m in [sqrt(1/2), sqrt(2)); f = m - 1 (exact); s = f / (2 + f); a polynomial
;; in z = s^2 (Lg1..Lg7); k*ln2 as hi + lo. Under 1 ulp (measured against mpmath in
;; spec/wasm/kernels.spec.ts). Subnormal arguments are scaled by 2^54 first (in a branch taken
;; only by a vector that has one).
;;
;; Constants live in mutable globals (never written): V8 would rematerialise a v128.const at
;; every use (three instructions each); a global is one load.
;;
;; entr needs no slow path: zero, negative, infinite and NaN lanes come out right from the
;; arithmetic (see $entr_block). rel_entr computes the common case (x and y positive normal,
;; or x = 0 and y >= 0) branch-free from the splits of both arguments (see $rel_block), notes
;; any other lane, and then a scalar pass calls the imported env.rel_entr (SciPy's definition,
;; in JavaScript) for exactly those elements.
(module
  (import "env" "rel_entr" (func $rel_entr_s (param f64 f64) (result f64)))
  (memory (export "memory") 2)
  (global (export "a_base") i32 (i32.const 32768))
  (global (export "b_base") i32 (i32.const 66560))
  (global (export "chunk") i32 (i32.const 4096))
  ;; the sum of |terms| of the last rel_entr_sum (how much its sum cancels)
  (global $abs_total (export "abs_total") (mut f64) (f64.const 0))

  (global $ZERO (mut v128) (v128.const f64x2 0.0 0.0))
  (global $HALF (mut v128) (v128.const f64x2 0.5 0.5))
  (global $ONE (mut v128) (v128.const f64x2 1.0 1.0))
  (global $TWO (mut v128) (v128.const f64x2 2.0 2.0))
  (global $INF (mut v128) (v128.const f64x2 inf inf))
  (global $NEGINF (mut v128) (v128.const f64x2 -inf -inf))
  (global $DBL_MIN (mut v128) (v128.const f64x2 0x1p-1022 0x1p-1022))
  (global $TWO54 (mut v128) (v128.const f64x2 0x1p54 0x1p54))
  (global $F54 (mut v128) (v128.const f64x2 54.0 54.0))
  (global $SQRT1_2 (mut v128) (v128.const f64x2 0.70710678118654752440 0.70710678118654752440))
  ;; (0x3ff00000 - 0x3fe6a09e) << 32: moves the cut of m from 1 to sqrt(1/2)
  (global $OFF (mut v128) (v128.const i64x2 0x00095f6200000000 0x00095f6200000000))
  (global $MANT (mut v128) (v128.const i64x2 0x000fffffffffffff 0x000fffffffffffff))
  (global $MOFF (mut v128) (v128.const i64x2 0x3fe6a09e00000000 0x3fe6a09e00000000))
  ;; k = as_double(0x43300000_00000000 | (ix >> 52)) - (2^52 + 1023)
  (global $MAGIC (mut v128) (v128.const i64x2 0x4330000000000000 0x4330000000000000))
  (global $MAGICK (mut v128) (v128.const f64x2 4503599627371519.0 4503599627371519.0))
  ;; a small signed i64 k = as_double(0x43380000_00000000 + k) - 1.5 * 2^52
  (global $MAGIC15 (mut v128) (v128.const i64x2 0x4338000000000000 0x4338000000000000))
  (global $MAGIC15D (mut v128) (v128.const f64x2 6755399441055744.0 6755399441055744.0))
  (global $LN2_HI (mut v128) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))
  (global $LN2_LO (mut v128) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))
  (global $LG1 (mut v128) (v128.const f64x2 6.666666666666735130e-01 6.666666666666735130e-01))
  (global $LG2 (mut v128) (v128.const f64x2 3.999999999940941908e-01 3.999999999940941908e-01))
  (global $LG3 (mut v128) (v128.const f64x2 2.857142874366239149e-01 2.857142874366239149e-01))
  (global $LG4 (mut v128) (v128.const f64x2 2.222219843214978396e-01 2.222219843214978396e-01))
  (global $LG5 (mut v128) (v128.const f64x2 1.818357216161805012e-01 1.818357216161805012e-01))
  (global $LG6 (mut v128) (v128.const f64x2 1.531383769920937332e-01 1.531383769920937332e-01))
  (global $LG7 (mut v128) (v128.const f64x2 1.479819860511658591e-01 1.479819860511658591e-01))

  ;; ---------------------------------------------------------------------------------------
  ;; $entr_block: dst[i] = entr(src[i] * scale) (mode 0) or log(src[i] * scale) (mode 1), for
  ;; i < n rounded up to even. dst may equal src.
  ;;
  ;; entr: with y = pmax(x, 0) (negatives, -inf and -0 become +-0; NaN stays NaN),
  ;; term = -(y*log(y)) | ((x < 0) ? bits(-inf) : 0). log(+-0) comes out finite (about -709
  ;; for +0, +710 for -0), so y = +-0 gives +0 and a negative x gives +0 | bits(-inf) = -inf;
  ;; y = 1 gives -0 as SciPy's -x*log(x) does; y = +inf gives log = 1024 ln2 and term -inf;
  ;; NaN propagates.
  ;; ---------------------------------------------------------------------------------------
  (func $entr_block (param $src i32) (param $dst i32) (param $n i32) (param $scale f64)
                    (param $mode i32)
    (local $end i32) (local $sc v128) (local $x v128) (local $y v128) (local $sub v128)
    (local $ix v128) (local $dk v128) (local $f v128) (local $hfsq v128) (local $s v128)
    (local $z v128) (local $w v128) (local $lg v128)
    (local.set $sc (f64x2.splat (local.get $scale)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $x (f64x2.mul (v128.load (local.get $src)) (local.get $sc)))
        (local.set $y (f64x2.pmax (local.get $x) (global.get $ZERO)))
        ;; log(y) with y = 2^k m: positive subnormals (rare: a predictable branch, off the
        ;; dependency chain) are scaled by 2^54 first, k lowered by 54. log(+0) comes out finite
        ;; (-1023 ln2 + log(sqrt(1/2))), which the entr formula needs (so does log(-0)).
        (local.set $sub
          (v128.and (f64x2.lt (local.get $y) (global.get $DBL_MIN))
                    (f64x2.gt (local.get $y) (global.get $ZERO))))
        (if (v128.any_true (local.get $sub))
          (then
            (local.set $ix
              (i64x2.add
                (v128.bitselect (f64x2.mul (local.get $y) (global.get $TWO54)) (local.get $y)
                                (local.get $sub))
                (global.get $OFF)))
            (local.set $dk
              (f64x2.sub
                (f64x2.sub
                  (v128.or (i64x2.shr_u (local.get $ix) (i32.const 52)) (global.get $MAGIC))
                  (global.get $MAGICK))
                (v128.and (local.get $sub) (global.get $F54)))))
          (else
            (local.set $ix (i64x2.add (local.get $y) (global.get $OFF)))
            (local.set $dk
              (f64x2.sub
                (v128.or (i64x2.shr_u (local.get $ix) (i32.const 52)) (global.get $MAGIC))
                (global.get $MAGICK)))))
        (local.set $f
          (f64x2.sub
            (i64x2.add (v128.and (local.get $ix) (global.get $MANT)) (global.get $MOFF))
            (global.get $ONE)))
        (local.set $hfsq
          (f64x2.mul (f64x2.mul (local.get $f) (global.get $HALF)) (local.get $f)))
        (local.set $s
          (f64x2.div (local.get $f) (f64x2.add (local.get $f) (global.get $TWO))))
        (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
        (local.set $w (f64x2.mul (local.get $z) (local.get $z)))
        ;; R = t2 + t1 (musl's order); then log = s*(hfsq+R) + dk*ln2_lo - hfsq + f + dk*ln2_hi
        (local.set $lg
          (f64x2.add
            (f64x2.add
              (f64x2.sub
                (f64x2.add
                  (f64x2.mul (local.get $s)
                    (f64x2.add (local.get $hfsq)
                      (f64x2.add
                        (f64x2.mul (local.get $z)
                          (f64x2.add (global.get $LG1)
                            (f64x2.mul (local.get $w)
                              (f64x2.add (global.get $LG3)
                                (f64x2.mul (local.get $w)
                                  (f64x2.add (global.get $LG5)
                                    (f64x2.mul (local.get $w) (global.get $LG7))))))))
                        (f64x2.mul (local.get $w)
                          (f64x2.add (global.get $LG2)
                            (f64x2.mul (local.get $w)
                              (f64x2.add (global.get $LG4)
                                (f64x2.mul (local.get $w) (global.get $LG6)))))))))
                  (f64x2.mul (local.get $dk) (global.get $LN2_LO)))
                (local.get $hfsq))
              (local.get $f))
            (f64x2.mul (local.get $dk) (global.get $LN2_HI))))
        (if (local.get $mode)
          (then
            ;; log: the special values by masks (this mode is for tests)
            (local.set $lg
              (v128.bitselect (global.get $NEGINF) (local.get $lg)
                (f64x2.eq (local.get $x) (global.get $ZERO))))
            (local.set $lg
              (v128.bitselect (local.get $x) (local.get $lg)
                (v128.or (f64x2.ne (local.get $x) (local.get $x))
                         (f64x2.eq (local.get $x) (global.get $INF)))))
            (v128.store (local.get $dst)
              (v128.bitselect (f64x2.sqrt (global.get $NEGINF)) (local.get $lg)
                (f64x2.lt (local.get $x) (global.get $ZERO)))))
          (else
            (v128.store (local.get $dst)
              (v128.or
                (f64x2.neg (f64x2.mul (local.get $y) (local.get $lg)))
                (v128.and (f64x2.lt (local.get $x) (global.get $ZERO)) (global.get $NEGINF))))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next))))

  ;; ---------------------------------------------------------------------------------------
  ;; $rel_block: dst[i] = rel_entr(a[i] * sa, b[i] * sb) for i < n; reads and writes nothing
  ;; past n.
  ;;
  ;; For x and y positive normal: x = 2^a mx, y = 2^b my with mx, my in [sqrt(1/2), sqrt(2))
  ;; (the split of the log); mx is halved or doubled (k = a - b, adjusted by one) so that
  ;; mx/my lies in [sqrt(1/2), sqrt(2)]; then mx - my is exact and
  ;;   log(x/y) = k ln2 + 2 atanh(s),  s = (mx - my)/(mx + my),  |s| <= 0.1716,
  ;;   2 atanh(s) = 2s + s R(s^2)  (R the log's polynomial).
  ;; One division, no x/y that could overflow or underflow, and accurate near x = y: s carries
  ;; two roundings where SciPy's (x - y)/y carries one, and SciPy's far branch rounds x/y
  ;; before its log; the two agree to a few ulps (spec/wasm/kernels.spec.ts).
  ;; x = 0 and y >= 0 gives 0. Any other lane (a NaN, an infinity, a subnormal, x or y < 0,
  ;; y = 0) is recomputed afterwards by the scalar import, with the same test in scalar form.
  ;; ---------------------------------------------------------------------------------------
  (func $rel_block (param $pa i32) (param $pb i32) (param $dst i32) (param $n i32)
                   (param $sa f64) (param $sb f64)
    (local $i i32) (local $vsa v128) (local $vsb v128) (local $allok v128)
    (local $x v128) (local $y v128) (local $x0 v128) (local $ixa v128) (local $ixb v128)
    (local $mx v128) (local $my v128) (local $t v128) (local $d v128) (local $dk v128)
    (local $s v128) (local $z v128) (local $w v128) (local $lg v128)
    (local $xs f64) (local $ysc f64)
    (local.set $vsa (f64x2.splat (local.get $sa)))
    (local.set $vsb (f64x2.splat (local.get $sb)))
    (local.set $allok (v128.const i64x2 -1 -1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $x
          (f64x2.mul (v128.load (i32.add (local.get $pa) (i32.shl (local.get $i) (i32.const 3))))
                     (local.get $vsa)))
        (local.set $y
          (f64x2.mul (v128.load (i32.add (local.get $pb) (i32.shl (local.get $i) (i32.const 3))))
                     (local.get $vsb)))
        (local.set $x0 (f64x2.eq (local.get $x) (global.get $ZERO)))
        ;; fast lanes: both in [DBL_MIN, inf) (pmin catches a NaN x, pmax a NaN y), or
        ;; x = 0 and y >= 0
        (local.set $allok
          (v128.and (local.get $allok)
            (v128.or
              (v128.and
                (f64x2.ge (f64x2.pmin (local.get $x) (local.get $y)) (global.get $DBL_MIN))
                (f64x2.lt (f64x2.pmax (local.get $y) (local.get $x)) (global.get $INF)))
              (v128.and (local.get $x0) (f64x2.ge (local.get $y) (global.get $ZERO))))))
        ;; the splits of x and y
        (local.set $ixa (i64x2.add (local.get $x) (global.get $OFF)))
        (local.set $ixb (i64x2.add (local.get $y) (global.get $OFF)))
        (local.set $mx (i64x2.add (v128.and (local.get $ixa) (global.get $MANT)) (global.get $MOFF)))
        (local.set $my (i64x2.add (v128.and (local.get $ixb) (global.get $MANT)) (global.get $MOFF)))
        ;; d = -1 (halve mx) when mx/my >= sqrt(2), +1 (double mx) when mx/my < sqrt(1/2)
        (local.set $t (f64x2.mul (local.get $my) (global.get $SQRT1_2)))
        (local.set $d
          (i64x2.sub (f64x2.ge (f64x2.mul (local.get $mx) (global.get $HALF)) (local.get $t))
                     (f64x2.lt (local.get $mx) (local.get $t))))
        (local.set $mx (i64x2.add (local.get $mx) (i64x2.shl (local.get $d) (i32.const 52))))
        ;; k = a - b - d, converted through 1.5 * 2^52
        (local.set $dk
          (f64x2.sub
            (i64x2.add
              (i64x2.sub
                (i64x2.sub (i64x2.shr_u (local.get $ixa) (i32.const 52))
                           (i64x2.shr_u (local.get $ixb) (i32.const 52)))
                (local.get $d))
              (global.get $MAGIC15))
            (global.get $MAGIC15D)))
        (local.set $s
          (f64x2.div (f64x2.sub (local.get $mx) (local.get $my))
                     (f64x2.add (local.get $mx) (local.get $my))))
        (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
        (local.set $w (f64x2.mul (local.get $z) (local.get $z)))
        ;; log(x/y) = k ln2_hi + (2s + (s R + k ln2_lo))
        (local.set $lg
          (f64x2.add
            (f64x2.mul (local.get $dk) (global.get $LN2_HI))
            (f64x2.add
              (f64x2.add (local.get $s) (local.get $s))
              (f64x2.add
                (f64x2.mul (local.get $s)
                  (f64x2.add
                    (f64x2.mul (local.get $z)
                      (f64x2.add (global.get $LG1)
                        (f64x2.mul (local.get $w)
                          (f64x2.add (global.get $LG3)
                            (f64x2.mul (local.get $w)
                              (f64x2.add (global.get $LG5)
                                (f64x2.mul (local.get $w) (global.get $LG7))))))))
                    (f64x2.mul (local.get $w)
                      (f64x2.add (global.get $LG2)
                        (f64x2.mul (local.get $w)
                          (f64x2.add (global.get $LG4)
                            (f64x2.mul (local.get $w) (global.get $LG6))))))))
                (f64x2.mul (local.get $dk) (global.get $LN2_LO))))))
        ;; x*log(x/y); x = 0 -> +0
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 3)))
          (v128.andnot (f64x2.mul (local.get $x) (local.get $lg)) (local.get $x0)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next)))
    ;; an odd last element: the scalar import
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $i (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3)))
        (f64.store (i32.add (local.get $dst) (local.get $i))
          (call $rel_entr_s
            (f64.mul (f64.load (i32.add (local.get $pa) (local.get $i))) (local.get $sa))
            (f64.mul (f64.load (i32.add (local.get $pb) (local.get $i))) (local.get $sb))))))
    ;; the scalar pass over the pairs, only when some lane was not a fast lane
    (if (i32.eqz (i64x2.all_true (local.get $allok)))
      (then
        (local.set $i (i32.const 0))
        (block $fixed
          (loop $fix
            (br_if $fixed (i32.ge_u (local.get $i) (i32.and (local.get $n) (i32.const -2))))
            (local.set $xs
              (f64.mul (f64.load (i32.add (local.get $pa) (i32.shl (local.get $i) (i32.const 3))))
                       (local.get $sa)))
            (local.set $ysc
              (f64.mul (f64.load (i32.add (local.get $pb) (i32.shl (local.get $i) (i32.const 3))))
                       (local.get $sb)))
            ;; the fast-lane test, scalar
            (if (i32.eqz
                  (i32.or
                    (i32.and
                      (i32.and (f64.ge (local.get $xs) (f64.const 0x1p-1022))
                               (f64.lt (local.get $xs) (f64.const inf)))
                      (i32.and (f64.ge (local.get $ysc) (f64.const 0x1p-1022))
                               (f64.lt (local.get $ysc) (f64.const inf))))
                    (i32.and (f64.eq (local.get $xs) (f64.const 0))
                             (f64.ge (local.get $ysc) (f64.const 0)))))
              (then
                (f64.store (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 3)))
                  (call $rel_entr_s (local.get $xs) (local.get $ysc)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $fix))))))

  ;; ---------------------------------------------------------------------------------------
  ;; $sum: sum of n float64 at p; four f64x2 accumulators from +0.0, ((a0+a1)+(a2+a3)),
  ;; lane 0 + lane 1, then the remaining (n mod 8) elements in order.
  ;; ---------------------------------------------------------------------------------------
  (func $sum (param $p i32) (param $n i32) (result f64)
    (local $end i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -8))
                                                      (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $p))))
        (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $p))))
        (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $p))))
        (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $next)))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a1))
                              (f64x2.add (local.get $a2) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0))
                           (f64x2.extract_lane 1 (local.get $a0))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 7))
                                                        (i32.const 3))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $tail)))
    (local.get $s))

  ;; $sum_abs: the same over |x|.
  (func $sum_abs (param $p i32) (param $n i32) (result f64)
    (local $end i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $s f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -8))
                                                      (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.abs (v128.load offset=0 (local.get $p)))))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.abs (v128.load offset=16 (local.get $p)))))
        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.abs (v128.load offset=32 (local.get $p)))))
        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.abs (v128.load offset=48 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br $next)))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a1))
                              (f64x2.add (local.get $a2) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0))
                           (f64x2.extract_lane 1 (local.get $a0))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 7))
                                                        (i32.const 3))))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.abs (f64.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $tail)))
    (local.get $s))

  ;; ---------------------------------------------------------------------------------------
  ;; Exports
  ;; ---------------------------------------------------------------------------------------

  ;; sum over i < n of entr(x[i] * scale), x float64 at byte offset ptr
  (func (export "entr_sum") (param $ptr i32) (param $n i32) (param $scale f64) (result f64)
    (local $m i32) (local $s f64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $m (select (local.get $n) (i32.const 1024)
                              (i32.lt_u (local.get $n) (i32.const 1024))))
        (call $entr_block (local.get $ptr) (i32.const 1024) (local.get $m) (local.get $scale)
                          (i32.const 0))
        (local.set $s (f64.add (local.get $s) (call $sum (i32.const 1024) (local.get $m))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $n (i32.sub (local.get $n) (local.get $m)))
        (br $next)))
    (local.get $s))

  ;; the same over float32 data (each promoted to float64, then scaled)
  (func (export "entr_sum_f32") (param $ptr i32) (param $n i32) (param $scale f64) (result f64)
    (local $m i32) (local $j i32) (local $s f64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $m (select (local.get $n) (i32.const 1024)
                              (i32.lt_u (local.get $n) (i32.const 1024))))
        ;; promote the block into T, two at a time (may read one float past the block)
        (local.set $j (i32.const 0))
        (block $pdone
          (loop $promote
            (br_if $pdone (i32.ge_u (local.get $j) (local.get $m)))
            (v128.store (i32.add (i32.const 1024) (i32.shl (local.get $j) (i32.const 3)))
              (f64x2.promote_low_f32x4
                (v128.load64_zero (i32.add (local.get $ptr) (i32.shl (local.get $j) (i32.const 2))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $promote)))
        (call $entr_block (i32.const 1024) (i32.const 1024) (local.get $m) (local.get $scale)
                          (i32.const 0))
        (local.set $s (f64.add (local.get $s) (call $sum (i32.const 1024) (local.get $m))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.shl (local.get $m) (i32.const 2))))
        (local.set $n (i32.sub (local.get $n) (local.get $m)))
        (br $next)))
    (local.get $s))

  ;; out[j] = sum over i < n of m[i*k + j], j < k: column sums of a row-major n x k block, each
  ;; column added in row order from +0.0
  (func (export "col_sums") (param $src i32) (param $k i32) (param $n i32) (param $out i32)
    (local $j i32) (local $i i32) (local $p i32) (local $acc v128) (local $s f64) (local $row i32)
    (local.set $row (i32.shl (local.get $k) (i32.const 3)))
    (block $pairs_done
      (loop $pairs
        (br_if $pairs_done (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $k)))
        (local.set $acc (global.get $ZERO))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $acc (f64x2.add (local.get $acc) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $row)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $rows)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $j) (local.get $k))
      (then
        (local.set $s (f64.const 0))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $s (f64.add (local.get $s) (f64.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $row)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $tail)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))) (local.get $s)))))

  ;; dst[i] = entr(src[i]) for i < n; dst may equal src; may write dst[n]
  (func (export "entr_map") (param $src i32) (param $dst i32) (param $n i32)
    (call $entr_block (local.get $src) (local.get $dst) (local.get $n) (f64.const 1.0) (i32.const 0)))

  ;; dst[i] = log(src[i]), the logarithm of the kernels (for accuracy tests); may write dst[n]
  (func (export "log_map") (param $src i32) (param $dst i32) (param $n i32)
    (call $entr_block (local.get $src) (local.get $dst) (local.get $n) (f64.const 1.0) (i32.const 1)))

  ;; sum over i < n of rel_entr(a[i] * sa, b[i] * sb)
  ;; (and sets abs_total to the sum of their absolute values)
  (func (export "rel_entr_sum") (param $pa i32) (param $pb i32) (param $n i32)
                                (param $sa f64) (param $sb f64) (result f64)
    (local $m i32) (local $s f64) (local $abs f64)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $m (select (local.get $n) (i32.const 1024)
                              (i32.lt_u (local.get $n) (i32.const 1024))))
        (call $rel_block (local.get $pa) (local.get $pb) (i32.const 1024) (local.get $m)
                         (local.get $sa) (local.get $sb))
        (local.set $s (f64.add (local.get $s) (call $sum (i32.const 1024) (local.get $m))))
        (local.set $abs (f64.add (local.get $abs) (call $sum_abs (i32.const 1024) (local.get $m))))
        (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $pb (i32.add (local.get $pb) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $n (i32.sub (local.get $n) (local.get $m)))
        (br $next)))
    (global.set $abs_total (local.get $abs))
    (local.get $s))

;; dst[i] = rel_entr(a[i], b[i * bstride]) for i < n, bstride 0 (b[0] broadcast) or 1;
  ;; terms go to T block by block (the scalar pass rereads a and b), then are copied to dst, so
  ;; dst may equal pa or pb
  (func (export "rel_entr_map") (param $pa i32) (param $pb i32) (param $dst i32) (param $n i32)
                                (param $bstride i32)
    (local $m i32) (local $j i32) (local $b v128)
    (if (i32.eqz (local.get $n)) (then (return)))
    (if (i32.eqz (local.get $bstride))
      (then
        ;; fill S with b[0] (as far as the first block needs) and read b from there
        (local.set $b (v128.load64_splat (local.get $pb)))
        (local.set $m (select (local.get $n) (i32.const 1024)
                              (i32.lt_u (local.get $n) (i32.const 1024))))
        (block $fdone
          (loop $fill
            (br_if $fdone (i32.ge_u (local.get $j) (local.get $m)))
            (v128.store (i32.add (i32.const 9216) (i32.shl (local.get $j) (i32.const 3)))
                        (local.get $b))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $fill)))
        (local.set $pb (i32.const 9216))))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $m (select (local.get $n) (i32.const 1024)
                              (i32.lt_u (local.get $n) (i32.const 1024))))
        (call $rel_block (local.get $pa) (local.get $pb) (i32.const 1024) (local.get $m)
                         (f64.const 1.0) (f64.const 1.0))
        (memory.copy (local.get $dst) (i32.const 1024) (i32.shl (local.get $m) (i32.const 3)))
        (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $pb (i32.add (local.get $pb)
                                (i32.mul (i32.shl (local.get $m) (i32.const 3)) (local.get $bstride))))
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $n (i32.sub (local.get $n) (local.get $m)))
        (br $next)))))
