;; WebAssembly SIMD (f64x2) kernels for entr and rel_entr: sums and elementwise maps over linear
;; memory. Assembled by scripts/build-wasm.js into lib/wasm/kernels-bytes.ts. Two TypeScript
;; facades copy data into the regions at `a_base` / `b_base` in chunks of `chunk` elements and
;; call the exports below: lib/wasm/kernels.ts the elementwise maps (entr_map, log_map),
;; lib/wasm/entropy-fast.ts the table-log sums and rel_entr_map_fast (the second half of this
;; file).
;;
;; Pointers are byte offsets into the exported memory (8-byte aligned); n counts elements.
;;
;; Layout: [0, 1024) unused; [1024, 9216) T, the term block of $entr_block / $rel_block;
;; [9216, 32768) unused; [32768, 65600) a_base; [66560, 99392) b_base. $entr_block works two
;; elements at a time and may read one element past n and write one past n (into the gap after
;; each region); $rel_block hands an odd last element to the scalar import.
;;
;; rel_entr_map_fast writes terms to T in blocks and copies them out; the table-log sums'
;; slow path (a block with special values) has $entr_block / $rel_block write its terms to T
;; and $sum / $sum_abs add them with four independent f64x2 accumulators from +0.0, combined
;; pairwise.
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
  (memory (export "memory") 4)
  (global (export "a_base") i32 (i32.const 32768))
  (global (export "b_base") i32 (i32.const 66560))
  (global (export "chunk") i32 (i32.const 4096))
  ;; the sum of |terms| of the last rel_entr_sum_fast (how much its sum cancels)
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

  ;; dst[i] = entr(src[i]) for i < n; dst may equal src; may write dst[n]
  (func (export "entr_map") (param $src i32) (param $dst i32) (param $n i32)
    (call $entr_block (local.get $src) (local.get $dst) (local.get $n) (f64.const 1.0) (i32.const 0)))

  ;; dst[i] = log(src[i]), the logarithm of the kernels (for accuracy tests); may write dst[n]
  (func (export "log_map") (param $src i32) (param $dst i32) (param $n i32)
    (call $entr_block (local.get $src) (local.get $dst) (local.get $n) (f64.const 1.0) (i32.const 1)))

  ;; =======================================================================================
  ;; The table log and the one-pass entropy kernel (entr_sum_fast, log_fast_map)
  ;; =======================================================================================
  ;;
  ;; Table log: x = 2^k m, m in [0.708984375, 1.41796875) (the split of $entr_block with its
  ;; cut moved so that 1 lies mid-subinterval: $OFF_T, $MOFF_T); i = the top 7 bits of the
  ;; shifted mantissa picks a 32-byte row of the 128-row table at $TBL. c, the subinterval's
  ;; midpoint, is m with its bits rounded to a multiple of 2^45 (exactly 1 on the subinterval
  ;; holding 1); the row holds invc = fl(1/c), log c, and log c' as hi + lo for c' = 1/invc.
  ;; Then (|r| <= 2^-8)
  ;;   log x = k ln2 + log c' + log1p(r),  r = m invc - 1,  log1p(r) = r + r^2 (r P(r) - 1/2),
  ;; P of degree 4 (scripts/gen-wasm-log-table.py writes the table and P from mpmath). No
  ;; division. A row is fetched per lane with a v128 load; two lanes' rows are shuffled.
  ;; log_fast_map (the logarithm within 1 ulp) computes r exactly, as r + rl: m invc = p + pe by
  ;; FMA or Dekker's product, p - 1 exact; k ln2_hi + (log c')_hi exactly as w + ew.
  ;;
  ;; With relaxed SIMD (the FMA build, see scripts/build-wasm.js) the polynomial and the
  ;; products use fused multiply-adds; without it every f64x2.relaxed_madd below is assembled
  ;; as a multiply and an add, and the ";;#fma" lines are left out.
  ;;
  ;; entr_sum_fast (rows) and entr_cols_fast (columns) specialise it for sum -x log x:
  ;; r = (m - c) invc (m - c exact; r within two roundings, an absolute error near 2^-61 in
  ;; log x, which -x log x does not feel except for x near 1, where c = 1, invc = 1 and
  ;; r = m - 1 is exact), and log x = (k ln2 + log c) + log1p(r). A block of 512 elements goes
  ;; through two short passes and an L1 scratch instead of one long dependency chain: $pass1
  ;; scales x (by its column's scale), splits it, fetches the rows, parks r, x and
  ;; x (k ln2 + log c) in the scratch, and keeps min x and max x (pmin/pmax: one instruction
  ;; each; a NaN propagates through the sums by itself); pass 2 evaluates the polynomial and
  ;; sums the terms. One test per block decides the path: when min x >= DBL_MIN and max x < inf
  ;; (or some x are zero and a scan finds no subnormal), pass 2 runs; otherwise (a negative,
  ;; subnormal or infinite x) the block's terms come from $entr_block, which gets every special
  ;; value right.
  ;;
  ;; Order of the sums (accuracy, e.g. uniform rows): in a row block a pairwise tree (8 terms
  ;; as ((t0+t1)+(t2+t3)) over vectors, then those sums pairwise; equal terms add exactly),
  ;; block sums combined pairwise (a binary counter on $STACK); in columns, a plain partial sum per
  ;; column over 8 rows, folded into the column's sum with compensation (TwoSum).
  ;;
  ;; Layout: $TBL [102400, 106496); scratch r [107520, 111616), x [111616, 115712),
  ;; x (k ln2 + log c) [115712, 119808); rel_entr chunk sums [123904, 124160); $STACK
  ;; [124160, 124672); $SCALES [124672, 124688); row chunk sums [124928, 125952); pq_sums'
  ;; results [126976, 127040); column sums [131072, 163840), their compensations
  ;; [163840, 196608) and partial sums [196608, 229376).

;; BEGIN log table (generated by scripts/gen-wasm-log-table.py; do not edit)
;; |r| <= 0.00390625; log1p(r) = r - r^2/2 + r^3 P(r), |P - exact| <= 7.13e-15
  (data (i32.const 102400) "\17\68\81\16\68\81\f6\3f\30\5f\59\df\bd\d5\d5\bf\31\5f\59\df\bd\d5\d5\bf\e4\3a\a2\b9\75\5f\4d\bc\f9\22\51\6a\ec\61\f6\3f\fb\d1\c8\53\f7\7b\d5\bf\fb\d1\c8\53\f7\7b\d5\bf\63\8b\f8\15\8d\90\62\3c\64\21\0b\59\c8\42\f6\3f\d8\a3\38\07\ae\22\d5\bf\d7\a3\38\07\ae\22\d5\bf\43\cb\3a\26\0b\84\73\bc\40\62\01\77\fa\23\f6\3f\3c\2c\17\9e\e0\c9\d4\bf\3d\2c\17\9e\e0\c9\d4\bf\5f\7a\14\5b\61\23\51\3c\06\16\58\60\81\05\f6\3f\1b\c4\71\c2\8d\71\d4\bf\1c\c4\71\c2\8d\71\d4\bf\ee\56\4c\c1\b4\8f\7d\bc\e7\15\d0\b8\5b\e7\f5\3f\c7\e8\d5\23\b4\19\d4\bf\c6\e8\d5\23\b4\19\d4\bf\21\e7\04\87\64\b7\55\bc\57\10\93\2b\88\c9\f5\3f\84\31\33\77\52\c2\d3\bf\83\31\33\77\52\c2\d3\bf\3a\71\f5\1a\d8\52\71\bc\c0\5a\01\6b\05\ac\f5\3f\17\11\be\76\67\6b\d3\bf\16\11\be\76\67\6b\d3\bf\90\85\83\e8\f0\24\53\3c\ed\58\81\30\d2\8e\f5\3f\e4\5c\d3\e1\f1\14\d3\bf\e3\5c\d3\e1\f1\14\d3\bf\23\3c\1a\f6\66\29\72\bc\3a\6b\50\3c\ed\71\f5\3f\54\93\dc\7c\f0\be\d2\bf\55\93\dc\7c\f0\be\d2\bf\88\60\d8\7f\ad\2d\72\3c\55\55\55\55\55\55\f5\3f\92\db\34\11\62\69\d2\bf\91\db\34\11\62\69\d2\bf\2a\b0\9d\dd\fa\0e\7e\bc\eb\0f\f4\48\09\39\f5\3f\d4\b8\0e\6d\45\14\d2\bf\d5\b8\0e\6d\45\14\d2\bf\ed\b3\28\ca\2d\0a\55\3c\15\f8\e2\ea\07\1d\f5\3f\95\6b\5a\63\99\bf\d1\bf\95\6b\5a\63\99\bf\d1\bf\12\49\12\c2\75\95\7e\3c\15\50\01\15\50\01\f5\3f\73\fb\ac\cb\5c\6b\d1\bf\73\fb\ac\cb\5c\6b\d1\bf\35\09\b4\28\bd\6f\75\bc\39\05\2f\a7\e0\e5\f4\3f\7c\e4\27\82\8e\17\d1\bf\7a\e4\27\82\8e\17\d1\bf\b7\1c\7f\d0\e2\8c\7b\bc\6e\af\25\87\b8\ca\f4\3f\e3\62\61\67\2d\c4\d0\bf\e2\62\61\67\2d\c4\d0\bf\85\bb\a8\18\4e\a7\75\3c\5b\bf\52\a0\d6\af\f4\3f\62\58\4d\60\38\71\d0\bf\64\58\4d\60\38\71\d0\bf\8b\ec\16\2b\91\4e\32\3c\67\d0\b2\e3\39\95\f4\3f\91\c6\26\56\ae\1e\d0\bf\91\c6\26\56\ae\1e\d0\bf\48\b3\b5\d0\5b\9f\6d\bc\7b\14\ae\47\e1\7a\f4\3f\79\b3\b3\6c\1c\99\cf\bf\7a\b3\b3\6c\1c\99\cf\bf\43\01\f3\cd\a0\cc\5e\bc\9a\cf\f5\c7\cb\60\f4\3f\e6\ff\dc\e4\ad\f5\ce\bf\e5\ff\dc\e4\ad\f5\ce\bf\5f\f7\38\22\4d\75\57\bc\fb\d9\62\65\f8\46\f4\3f\12\10\e7\ff\0e\53\ce\bf\13\10\e7\ff\0e\53\ce\bf\f0\f3\82\ef\27\76\6f\3c\87\1f\d5\25\66\2d\f4\3f\40\89\d4\b0\3d\b1\cd\bf\41\89\d4\b0\3d\b1\cd\bf\a4\49\03\5b\71\af\68\3c\14\14\14\14\14\14\f4\3f\7b\5e\65\f2\37\10\cd\bf\7b\5e\65\f2\37\10\cd\bf\bc\1c\b7\b7\ad\f3\53\3c\fb\13\b0\3f\01\fb\f3\3f\71\0f\f0\c6\fb\6f\cc\bf\71\0f\f0\c6\fb\6f\cc\bf\a5\a4\57\2c\8b\e5\6a\3c\02\a9\e4\bc\2c\e2\f3\3f\ad\d8\3b\38\87\d0\cb\bf\aa\d8\3b\38\87\d0\cb\bf\9e\74\ad\04\55\16\41\3c\e7\ab\7b\a4\95\c9\f3\3f\3d\ce\5b\57\d8\31\cb\bf\3b\ce\5b\57\d8\31\cb\bf\37\a5\1a\ce\ea\d4\40\3c\14\3b\b1\13\3b\b1\f3\3f\e3\d9\8a\3c\ed\93\ca\bf\e5\d9\8a\3c\ed\93\ca\bf\02\72\e9\9d\fa\ca\6b\bc\63\7f\18\2c\1c\99\f3\3f\64\96\08\07\c4\f6\c9\bf\63\96\08\07\c4\f6\c9\bf\05\66\e8\a7\79\29\65\3c\14\38\81\13\38\81\f3\3f\7f\01\f7\dc\5a\5a\c9\bf\82\01\f7\dc\5a\5a\c9\bf\1c\bd\fd\83\62\a1\68\bc\48\07\de\f3\8d\69\f3\3f\8c\fe\38\eb\af\be\c8\bf\8f\fe\38\eb\af\be\c8\bf\87\0b\cd\92\ae\4a\45\3c\c1\78\2b\fb\1c\52\f3\3f\c2\a3\51\65\c1\23\c8\bf\c0\a3\51\65\c1\23\c8\bf\7e\18\f4\18\d3\dc\66\bc\b2\bc\57\5b\e4\3a\f3\3f\73\4c\44\85\8d\89\c7\bf\74\4c\44\85\8d\89\c7\bf\04\c8\3e\af\db\e3\3b\bc\bf\10\2b\4a\e3\23\f3\3f\bc\6a\75\8b\12\f0\c6\bf\b9\6a\75\8b\12\f0\c6\bf\b9\59\78\08\67\79\43\3c\90\d1\30\01\19\0d\f3\3f\3a\13\8c\be\4e\57\c6\bf\39\13\8c\be\4e\57\c6\bf\82\bc\73\e1\61\59\6c\bc\68\2f\a1\bd\84\f6\f2\3f\b2\3d\54\6b\40\bf\c5\bf\b0\3d\54\6b\40\bf\c5\bf\f7\f7\0d\4c\b4\f5\21\3c\97\80\4b\c0\25\e0\f2\3f\8d\b5\a1\e4\e5\27\c5\bf\8d\b5\a1\e4\e5\27\c5\bf\ff\ad\1c\41\4b\8d\3b\3c\a0\2c\81\4d\fb\c9\f2\3f\61\b5\33\83\3d\91\c4\bf\63\b5\33\83\3d\91\c4\bf\37\f1\30\49\60\d5\50\3c\40\2b\01\ad\04\b4\f2\3f\cc\28\99\a5\45\fb\c3\bf\ca\28\99\a5\45\fb\c3\bf\57\d0\54\a3\e6\87\6d\3c\9e\12\e4\29\41\9e\f2\3f\16\90\15\b0\fc\65\c3\bf\14\90\15\b0\fc\65\c3\bf\56\a2\dc\d2\08\ea\6b\bc\13\b0\88\12\b0\88\f2\3f\3a\81\86\0c\61\d1\c2\bf\3d\81\86\0c\61\d1\c2\bf\6d\1a\94\36\70\99\3d\bc\35\27\81\b8\50\73\f2\3f\02\c2\49\2a\71\3d\c2\bf\01\c2\49\2a\71\3d\c2\bf\97\e2\fa\9e\7e\1c\65\bc\f1\92\80\70\22\5e\f2\3f\2a\f7\23\7e\2b\aa\c1\bf\29\f7\23\7e\2b\aa\c1\bf\20\44\93\89\43\e4\66\bc\92\24\49\92\24\49\f2\3f\7c\e4\27\82\8e\17\c1\bf\7a\e4\27\82\8e\17\c1\bf\93\c6\01\5f\3a\e6\50\3c\df\bc\9a\78\56\34\f2\3f\07\3a\9e\b5\98\85\c0\bf\07\3a\9e\b5\98\85\c0\bf\32\bf\02\99\00\d7\6f\3c\78\fb\21\81\b7\1f\f2\3f\66\d5\db\39\91\e8\bf\bf\65\d5\db\39\91\e8\bf\bf\94\93\5f\21\f4\c9\5a\3c\d9\c0\67\0c\47\0b\f2\3f\20\11\0a\83\39\c7\be\bf\26\11\0a\83\39\c7\be\bf\5b\f9\43\37\03\ea\5e\bc\70\1f\c1\7d\04\f7\f1\3f\a2\46\84\63\27\a7\bd\bf\9e\46\84\63\27\a7\bd\bf\17\30\73\71\fa\01\54\bc\74\b8\3f\3b\ef\e2\f1\3f\23\4b\bc\01\58\88\bc\bf\20\4b\bc\01\58\88\bc\bf\fc\98\65\aa\34\c7\55\3c\1d\81\a2\ad\06\cf\f1\3f\1c\5b\ad\8d\c8\6a\bb\bf\1d\5b\ad\8d\c8\6a\bb\bf\d0\52\8e\76\bf\02\50\3c\29\ed\46\40\4a\bb\f1\3f\38\bc\b1\40\76\4e\ba\bf\38\bc\b1\40\76\4e\ba\bf\59\42\3e\20\ca\b5\59\3c\96\7b\1a\61\b9\a7\f1\3f\89\49\59\5d\5e\33\b9\bf\88\49\59\5d\5e\33\b9\bf\b7\cc\04\57\a8\78\54\3c\9c\a2\8c\80\53\94\f1\3f\f0\e3\40\2f\7e\19\b8\bf\f0\e3\40\2f\7e\19\b8\bf\5f\89\20\00\69\30\42\3c\12\18\81\11\18\81\f1\3f\e1\c0\ea\0a\d3\00\b7\bf\e8\c0\ea\0a\d3\00\b7\bf\b2\c8\b4\77\a6\36\4a\bc\79\73\42\89\06\6e\f1\3f\cb\91\97\4d\5a\e9\b5\bf\cd\91\97\4d\5a\e9\b5\bf\f6\ba\a3\a3\8b\c7\54\3c\0d\27\75\5f\1e\5b\f1\3f\ac\7e\20\5d\11\d3\b4\bf\ac\7e\20\5d\11\d3\b4\bf\2f\0b\e1\b1\d0\a7\3d\bc\3b\cd\0a\0e\5f\48\f1\3f\64\ee\d1\a7\f5\bd\b3\bf\5e\ee\d1\a7\f5\bd\b3\bf\ac\68\6b\a7\ed\52\3f\bc\11\c8\35\11\c8\35\f1\3f\a5\17\47\a4\04\aa\b2\bf\a1\17\47\a4\04\aa\b2\bf\08\5c\d0\72\2c\ea\5a\bc\33\30\5d\e7\58\23\f1\3f\67\55\46\d1\3b\97\b1\bf\61\55\46\d1\3b\97\b1\bf\80\56\d3\b3\c1\aa\57\3c\11\11\11\11\11\11\f1\3f\07\3a\9e\b5\98\85\b0\bf\06\3a\9e\b5\98\85\b0\bf\32\bf\02\99\00\d7\5d\3c\11\f0\fe\10\f0\fe\f0\3f\7c\b8\06\c0\31\ea\ae\bf\7c\b8\06\c0\31\ea\ae\bf\d8\6c\6f\27\f9\c9\37\3c\90\9c\e6\6b\f5\ec\f0\3f\cc\b2\dd\cd\73\cb\ac\bf\d0\b2\dd\cd\73\cb\ac\bf\d5\ef\00\05\fb\48\4e\3c\96\46\8f\a8\20\db\f0\3f\fc\10\fb\d0\f2\ae\aa\bf\08\11\fb\d0\f2\ae\aa\bf\ae\82\0b\ed\4e\8d\46\bc\3b\da\bc\4f\71\c9\f0\3f\43\b3\9f\14\aa\94\a8\bf\4b\b3\9f\14\aa\94\a8\bf\e5\ae\cf\44\0b\ba\42\3c\c8\9d\25\ec\e6\b7\f0\3f\58\bb\d4\f2\94\7c\a6\bf\65\bb\d4\f2\94\7c\a6\bf\f9\e5\05\65\3e\41\40\bc\a7\10\68\0a\81\a6\f0\3f\ea\e3\2d\d4\ae\66\a4\bf\f9\e3\2d\d4\ae\66\a4\bf\18\27\94\fe\de\ba\39\3c\54\09\01\39\3f\95\f0\3f\3f\18\8d\2f\f3\52\a2\bf\40\18\8d\2f\f3\52\a2\bf\a8\9b\7a\b6\21\e0\2a\bc\84\10\42\08\21\84\f0\3f\44\44\e7\89\5d\41\a0\bf\40\44\e7\89\5d\41\a0\bf\21\36\75\1d\cf\05\4c\bc\c6\f7\47\0a\26\73\f0\3f\f2\aa\14\ec\d2\63\9c\bf\d7\aa\14\ec\d2\63\9c\bf\1d\13\ca\cb\7a\fe\08\bc\fc\a9\f1\d2\4d\62\f0\3f\bf\ca\c8\28\25\49\98\bf\c5\ca\c8\28\25\49\98\bf\68\fa\19\06\2d\19\3d\3c\04\34\d7\f7\97\51\f0\3f\c1\0c\98\25\a9\32\94\bf\bc\0c\98\25\a9\32\94\bf\93\41\00\39\af\cd\38\3c\10\04\41\10\04\41\f0\3f\47\58\93\58\56\20\90\bf\37\58\93\58\56\20\90\bf\17\e7\16\84\8e\7c\32\bc\1a\5e\1f\b5\91\30\f0\3f\aa\a2\88\a3\48\24\88\bf\83\a2\88\a3\48\24\88\bf\70\09\7f\13\16\4b\10\bc\08\04\02\81\40\20\f0\3f\71\de\88\75\15\10\80\bf\69\de\88\75\15\10\80\bf\ce\ce\17\d4\62\66\14\bc\10\10\10\10\10\10\f0\3f\35\8b\58\59\05\08\70\bf\25\8b\58\59\05\08\70\bf\75\36\f6\8c\63\96\1f\bc\00\00\00\00\00\00\f0\3f\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\f0\07\fc\01\7f\c0\ef\3f\89\67\10\6b\2a\e0\7f\3f\99\67\10\6b\2a\e0\7f\3f\7f\1e\71\e3\b7\44\ce\bb\20\f8\81\1f\f8\81\ef\3f\e4\03\fc\b0\a8\c0\8f\3f\c4\03\fc\b0\a8\c0\8f\3f\81\42\96\c5\92\30\18\bc\71\42\4a\9e\65\44\ef\3f\1b\b1\d5\07\1b\b9\97\3f\26\b1\d5\07\1b\b9\97\3f\30\94\8e\b3\0a\d8\16\bc\08\1f\7c\f0\c1\07\ef\3f\00\33\78\0e\9b\82\9f\3f\f8\32\78\0e\9b\82\9f\3f\25\ef\f1\04\3f\3e\33\3c\c0\ec\01\b3\07\cc\ee\3f\60\bd\fe\b9\87\9e\a3\3f\68\bd\fe\b9\87\9e\a3\3f\b7\51\f5\37\a9\bf\45\bc\67\b7\f0\ab\31\91\ee\3f\fc\dc\32\f6\58\74\a7\3f\ff\dc\32\f6\58\74\a7\3f\68\29\b9\87\ca\d3\08\3c\74\e5\01\c9\3a\57\ee\3f\bf\71\19\71\dd\42\ab\3f\b9\71\19\71\dd\42\ab\3f\b5\7d\f6\31\45\a3\40\3c\1e\1e\1e\1e\1e\1e\ee\3f\a6\62\11\c0\30\0a\af\3f\a8\62\11\c0\30\0a\af\3f\cd\ba\5b\5c\32\5f\48\3c\8a\86\f8\e3\d6\e5\ed\3f\e1\7a\a3\ee\36\65\b1\3f\e3\7a\a3\ee\36\65\b1\3f\ca\74\cf\05\97\18\52\3c\db\81\b9\76\60\ae\ed\3f\d1\d1\1b\96\d7\41\b3\3f\d0\d1\1b\96\d7\41\b3\3f\bb\ec\7b\22\9f\59\53\bc\34\2c\b8\54\b6\77\ed\3f\3f\18\06\3f\07\1b\b5\3f\3c\18\06\3f\07\1b\b5\3f\1a\74\e5\65\1c\b6\55\bc\1d\d4\41\1d\d4\41\ed\3f\4c\6b\e5\8a\d2\f0\b6\3f\4e\6b\e5\8a\d2\f0\b6\3f\24\73\09\23\b3\0d\42\bc\74\c0\6e\8f\b5\0c\ed\3f\21\9b\31\d6\45\c3\b8\3f\23\9b\31\d6\45\c3\b8\3f\95\84\66\f5\d2\94\52\bc\0b\9b\03\89\56\d8\ec\3f\63\d5\4a\3a\6d\92\ba\3f\62\d5\4a\3a\6d\92\ba\3f\ad\e2\b1\ea\16\7a\4d\bc\91\e1\5e\05\b3\a4\ec\3f\43\c7\5b\8f\54\5e\bc\3f\43\c7\5b\8f\54\5e\bc\3f\d9\b0\c0\f7\0b\eb\42\3c\1c\c7\71\1c\c7\71\ec\3f\e6\f2\2a\6e\07\27\be\3f\ea\f2\2a\6e\07\27\be\3f\5a\01\1e\00\78\15\36\bc\f0\f8\c3\01\8f\3f\ec\3f\bb\ea\db\31\91\ec\bf\3f\bc\ea\db\31\91\ec\bf\3f\6c\b3\81\99\6b\74\55\bc\e0\c0\81\03\07\0e\ec\3f\59\8e\d0\7c\7e\d7\c0\3f\5b\8e\d0\7c\7e\d7\c0\3f\ad\30\90\5e\dc\a5\69\3c\f7\06\94\89\2b\dd\eb\3f\a0\67\2f\d5\2a\b7\c1\3f\a2\67\2f\d5\2a\b7\c1\3f\46\99\c6\e5\7e\be\6f\bc\d0\ba\c1\14\f9\ac\eb\3f\23\f5\1f\f8\52\95\c2\3f\21\f5\1f\f8\52\95\c2\3f\c0\7d\40\1c\77\01\63\3c\8b\33\da\3d\6c\7d\eb\3f\74\8f\1e\20\fc\71\c3\3f\75\8f\1e\20\fc\71\c3\3f\02\8a\f1\2a\b6\6c\1e\3c\4f\1b\e8\b4\81\4e\eb\3f\1e\7d\cb\6c\2b\4d\c4\3f\1c\7d\cb\6c\2b\4d\c4\3f\23\7e\f8\50\d9\d3\47\3c\d9\80\6c\40\36\20\eb\3f\38\b4\a1\e3\e5\26\c5\3f\38\b4\a1\e3\e5\26\c5\3f\3a\0d\47\8a\ff\46\65\bc\28\af\a1\bc\86\f2\ea\3f\d4\93\a7\70\30\ff\c5\3f\d6\93\a7\70\30\ff\c5\3f\6c\6f\fc\fa\0e\c6\5b\bc\1b\70\c5\1a\70\c5\ea\3f\1d\d2\19\e7\0f\d6\c6\3f\1b\d2\19\e7\0f\d6\c6\3f\87\2e\13\97\1d\55\6d\3c\be\63\6a\60\ef\98\ea\3f\09\d9\10\02\89\ab\c7\3f\07\d9\10\02\89\ab\c7\3f\7d\7e\a5\34\25\07\61\bc\6d\1a\d0\a6\01\6d\ea\3f\11\c9\20\65\a0\7f\c8\3f\11\c9\20\65\a0\7f\c8\3f\9a\8d\a0\bf\fd\f7\69\bc\1a\a4\41\1a\a4\41\ea\3f\b4\56\f4\9c\5a\52\c9\3f\b6\56\f4\9c\5a\52\c9\3f\da\d1\b1\e2\b3\6f\62\bc\02\4b\7a\f9\d3\16\ea\3f\63\b5\e2\1f\bc\23\ca\3f\61\b5\e2\1f\bc\23\ca\3f\64\a6\1e\6c\c4\4d\62\3c\d9\33\10\95\8e\ec\e9\3f\f3\bf\80\4e\c9\f3\ca\3f\f3\bf\80\4e\c9\f3\ca\3f\3e\f3\4d\06\98\33\6a\3c\02\a1\e4\4e\d1\c2\e9\3f\d6\8c\2d\74\86\c2\cb\3f\d4\8c\2d\74\86\c2\cb\3f\57\0f\87\44\e7\fc\5c\3c\9a\99\99\99\99\99\e9\3f\22\9a\9a\c7\f7\8f\cc\3f\20\9a\9a\c7\f7\8f\cc\3f\11\40\43\f8\89\f6\64\bc\72\b8\0c\f8\e4\70\e9\3f\91\bb\4f\6b\21\5c\cd\3f\94\bb\4f\6b\21\5c\cd\3f\7d\65\03\4d\79\37\5a\bc\e0\e9\d6\fc\b0\48\e9\3f\e6\f2\2a\6e\07\27\ce\3f\e8\f2\2a\6e\07\27\ce\3f\5e\01\1e\00\78\15\46\bc\29\e2\d0\49\fb\20\e9\3f\36\59\dc\cb\ad\f0\ce\3f\35\59\dc\cb\ad\f0\ce\3f\0d\c2\0d\95\37\86\6e\3c\fa\18\9c\8f\c1\f9\e8\3f\2b\3e\5e\6d\18\b9\cf\3f\29\3e\5e\6d\18\b9\cf\3f\35\e5\0d\9b\51\55\63\3c\d3\18\30\8d\01\d3\e8\3f\41\d0\b4\94\25\40\d0\3f\41\d0\b4\94\25\40\d0\3f\2d\02\a5\17\c2\8e\60\bc\aa\f3\6b\0f\b9\ac\e8\3f\e3\90\73\e2\24\a3\d0\3f\e2\90\73\e2\24\a3\d0\3f\03\1c\06\e8\fd\dc\7b\3c\4a\b0\ab\f0\e5\86\e8\3f\d5\4a\ae\f9\8b\05\d1\3f\d4\4a\ae\f9\8b\05\d1\3f\ec\63\96\69\15\f4\03\3c\18\86\61\18\86\61\e8\3f\0e\a6\ab\ab\5c\67\d1\3f\0f\a6\ab\ab\5c\67\d1\3f\27\37\88\ab\3e\e6\2c\3c\dd\be\b2\7a\97\3c\e8\3f\fb\99\69\c1\98\c8\d1\3f\fb\99\69\c1\98\c8\d1\3f\3c\0e\50\9d\a3\f1\79\3c\18\18\18\18\18\18\e8\3f\66\79\cf\fb\41\29\d2\3f\66\79\cf\fb\41\29\d2\3f\bd\a2\58\c2\7a\bd\5d\bc\40\7f\01\fd\05\f4\e7\3f\a3\86\de\13\5a\89\d2\3f\a4\86\de\13\5a\89\d2\3f\0f\04\3f\c1\24\ad\77\3c\f4\05\7d\41\5f\d0\e7\3f\31\1d\e1\ba\e2\e8\d2\3f\31\1d\e1\ba\e2\e8\d2\3f\f2\7b\bd\72\9b\e9\61\bc\c3\ec\e0\08\22\ad\e7\3f\55\7d\98\9a\dd\47\d3\3f\56\7d\98\9a\dd\47\d3\3f\fb\8c\04\2c\a6\6e\71\bc\c8\a4\78\81\4c\8a\e7\3f\ea\45\69\55\4c\a6\d3\3f\ea\45\69\55\4c\a6\d3\3f\24\34\d0\35\d7\bc\3c\3c\b1\a9\34\e4\dc\67\e7\3f\e4\a7\86\86\30\04\d4\3f\e4\a7\86\86\30\04\d4\3f\db\9c\05\c1\f6\79\6f\bc\46\17\5d\74\d1\45\e7\3f\c2\5e\1c\c2\8b\61\d4\3f\c2\5e\1c\c2\8b\61\d4\3f\62\1c\66\42\26\a4\27\bc\bc\de\46\7f\28\24\e7\3f\a1\78\77\95\5f\be\d4\3f\a1\78\77\95\5f\be\d4\3f\7a\02\09\b6\66\b3\54\bc\70\81\0b\5c\e0\02\e7\3f\2d\f8\2d\87\ad\1a\d5\3f\2e\f8\2d\87\ad\1a\d5\3f\43\15\cc\a7\b0\8d\7d\bc\c7\37\43\6b\f7\e1\e6\3f\6c\5a\45\17\77\76\d5\3f\6c\5a\45\17\77\76\d5\3f\e8\33\f9\9a\a4\b2\6f\bc\17\6c\c1\16\6c\c1\e6\3f\ca\09\58\bf\bd\d1\d5\3f\ca\09\58\bf\bd\d1\d5\3f\1f\80\23\7c\9c\dc\77\bc\90\72\53\d1\3c\a1\e6\3f\95\c7\b9\f2\82\2c\d6\3f\96\c7\b9\f2\82\2c\d6\3f\35\fe\59\dd\a0\90\50\bc")
  (global $P0 (mut v128) (v128.const f64x2 0.3333333333333333 0.3333333333333333))
  (global $P1 (mut v128) (v128.const f64x2 -0.24999999999090491 -0.24999999999090491))
  (global $P2 (mut v128) (v128.const f64x2 0.19999999999191548 0.19999999999191548))
  (global $P3 (mut v128) (v128.const f64x2 -0.16666905088156186 -0.16666905088156186))
  (global $P4 (mut v128) (v128.const f64x2 0.1428592621598599 0.1428592621598599))
;; END log table
  (global $OFF_T (mut v128) (v128.const i64x2 0x0009500000000000 0x0009500000000000))
  (global $MOFF_T (mut v128) (v128.const i64x2 0x3fe6b00000000000 0x3fe6b00000000000))
  ;; c from m: (m + 2^44) with the low 45 bits cleared
  (global $CHALF (mut v128) (v128.const i64x2 0x0000100000000000 0x0000100000000000))
  (global $CMASK (mut v128) (v128.const i64x2 0xffffe00000000000 0xffffe00000000000))
  (global $SPLIT (mut v128) (v128.const f64x2 134217729.0 134217729.0))
  ;; clears the low 27 bits of a double: its high 26 significant bits
  (global $HI26 (mut v128) (v128.const i64x2 0xfffffffff8000000 0xfffffffff8000000))
  (global $NEG_HALF (mut v128) (v128.const f64x2 -0.5 -0.5))
  (global $NEG_ONE (mut v128) (v128.const f64x2 -1.0 -1.0))
  ;; (i >> 40) & 0xfe0: the byte offset of row i (32-byte rows)
  (global $ROWMASK (mut v128) (v128.const i64x2 0xfe0 0xfe0))
  ;; the splat scale of a row ($pass1's column scales with k2 = 1)
  (global $SCALES i32 (i32.const 124672))
  (global $LN2V (mut v128) (v128.const f64x2 0.6931471805599453 0.6931471805599453))

  ;; ---- pass 1 of a block (n <= 512 elements at src): x = src[i] * scale of its column,
  ;; then r, x and x (k ln2 + log c) into the scratch, padded with zeros to a multiple of 4.
  ;; Column scales: k2 f64x2 pairs at scales (one pair, k2 = 1, for a row), the first element
  ;; at pair j0. Returns 1 when the block may take the fast pass 2, 0 when it needs the slow
  ;; path. For an odd n it reads src[n] (and puts it back).
  (func $pass1 (param $src i32) (param $n i32) (param $scales i32) (param $k2 i32) (param $j0 i32)
               (result i32)
    (local $o i32) (local $end i32) (local $j i32) (local $x v128) (local $ix v128) (local $t v128)
    (local $o0 i32) (local $o1 i32) (local $ra v128) (local $rb v128) (local $m v128) (local $dk v128)
    (local $r v128) (local $mn v128) (local $mx v128) (local $bad v128) (local $ln2 v128)
    (local $saved f64)
    (local.set $ln2 (global.get $LN2V))
    (local.set $mn (global.get $INF))
    (local.set $mx (global.get $ZERO))
    (local.set $j (i32.shl (local.get $j0) (i32.const 4)))
    (local.set $k2 (i32.shl (local.get $k2) (i32.const 4)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    ;; an odd n: src[n] = src[n - 1] for the last pair, restored afterwards
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $saved (f64.load (i32.add (local.get $src) (local.get $end))))
        (f64.store (i32.add (local.get $src) (local.get $end))
                   (f64.load (i32.sub (i32.add (local.get $src) (local.get $end)) (i32.const 8))))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (f64x2.mul (v128.load (i32.add (local.get $src) (local.get $o)))
                                 (v128.load (i32.add (local.get $scales) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (if (i32.eq (local.get $j) (local.get $k2)) (then (local.set $j (i32.const 0))))
        (local.set $mn (f64x2.pmin (local.get $mn) (local.get $x)))
        (local.set $mx (f64x2.pmax (local.get $mx) (local.get $x)))
        (local.set $ix (i64x2.add (local.get $x) (global.get $OFF_T)))
        (local.set $t (v128.and (i64x2.shr_u (local.get $ix) (i32.const 40)) (global.get $ROWMASK)))
        (local.set $o0 (i32x4.extract_lane 0 (local.get $t)))
        (local.set $o1 (i32x4.extract_lane 2 (local.get $t)))
        ;; [invc, log c] of each lane
        (local.set $ra (v128.load offset=102400 (local.get $o0)))
        (local.set $rb (v128.load offset=102400 (local.get $o1)))
        (local.set $m (i64x2.add (v128.and (local.get $ix) (global.get $MANT)) (global.get $MOFF_T)))
        (local.set $dk
          (f64x2.sub
            (v128.or (i64x2.shr_u (local.get $ix) (i32.const 52)) (global.get $MAGIC))
            (global.get $MAGICK)))
        ;; r = (m - c) invc, c = m with its bits rounded to a multiple of 2^45 (m - c is exact)
        (local.set $r
          (f64x2.mul
            (f64x2.sub (local.get $m)
              (v128.and (i64x2.add (local.get $m) (global.get $CHALF)) (global.get $CMASK)))
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ra) (local.get $rb))))
        (v128.store offset=107520 (local.get $o) (local.get $r))
        (v128.store offset=111616 (local.get $o) (local.get $x))
        (v128.store offset=115712 (local.get $o)
          (f64x2.mul (local.get $x)
            (f64x2.relaxed_madd (local.get $dk) (local.get $ln2)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ra) (local.get $rb)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then (f64.store (i32.add (local.get $src) (local.get $end)) (local.get $saved))))
    ;; zero the tail up to a multiple of 4 elements
    (local.set $o (local.get $end))
    (local.set $t (global.get $ZERO))
    (block $zdone
      (loop $zero
        (br_if $zdone (i32.eqz (i32.and (local.get $o) (i32.const 31))))
        (f64.store offset=107520 (local.get $o) (f64.const 0))
        (f64.store offset=111616 (local.get $o) (f64.const 0))
        (f64.store offset=115712 (local.get $o) (f64.const 0))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $zero)))
    ;; the block's test: all x in [DBL_MIN, inf) (a NaN propagates through the sums by itself)
    (if (i32.and (i64x2.all_true (f64x2.ge (local.get $mn) (global.get $DBL_MIN)))
                 (i64x2.all_true (f64x2.lt (local.get $mx) (global.get $INF))))
      (then (return (i32.const 1))))
    ;; zeros are fine on the fast path (0 * L = 0 with L finite); a subnormal, a negative (but
    ;; not -0) or an infinity is not
    (if (i32.eqz (i32.and (i64x2.all_true (f64x2.ge (local.get $mn) (global.get $ZERO)))
                          (i64x2.all_true (f64x2.lt (local.get $mx) (global.get $INF)))))
      (then (return (i32.const 0))))
    (local.set $bad (global.get $ZERO))
    (local.set $o (i32.const 0))
    (block $sdone
      (loop $scan
        (br_if $sdone (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (v128.load offset=111616 (local.get $o)))
        (local.set $bad
          (v128.or (local.get $bad)
            (v128.and (f64x2.lt (local.get $x) (global.get $DBL_MIN))
                      (f64x2.gt (local.get $x) (global.get $ZERO)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $scan)))
    (i32.eqz (v128.any_true (local.get $bad))))

  ;; ---- pass 2 of a row block of n elements: sum x log x (x log x = x (k ln2 + log c) +
  ;; x log1p(r)) as a pairwise tree: the terms of 8 elements added as ((t0+t1)+(t2+t3)), those
  ;; sums pairwise ($pairwise). Equal terms then add exactly (every addition doubles), which
  ;; keeps uniform rows exact.
  (func $pass2_rows (param $n i32) (result f64)
    (local $o i32) (local $end i32) (local $ci i32)
    (local $z v128) (local $p v128) (local $r v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $nh v128)
    (local $s v128)
    (local.set $end (i32.and (i32.add (i32.shl (local.get $n) (i32.const 3)) (i32.const 31)) (i32.const -32)))
    (local.set $c0 (global.get $P0)) (local.set $c1 (global.get $P1)) (local.set $c2 (global.get $P2))
    (local.set $c3 (global.get $P3)) (local.set $c4 (global.get $P4)) (local.set $nh (global.get $NEG_HALF))
    ;; the scratch is zero-padded to a multiple of 4 elements: to 8 here
    (if (i32.and (local.get $end) (i32.const 32))
      (then
        (v128.store offset=107520 (local.get $end) (global.get $ZERO))
        (v128.store offset=107536 (local.get $end) (global.get $ZERO))
        (v128.store offset=111616 (local.get $end) (global.get $ZERO))
        (v128.store offset=111632 (local.get $end) (global.get $ZERO))
        (v128.store offset=115712 (local.get $end) (global.get $ZERO))
        (v128.store offset=115728 (local.get $end) (global.get $ZERO))))
    (local.set $end (i32.and (i32.add (local.get $end) (i32.const 63)) (i32.const -64)))
    (block $done
      (loop $eight
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
          ;; x (k ln2 + log c) + x (r + r^2 (r P(r) - 1/2)), P(r) = (P0 + r P1) + r^2 ((P2 + r P3) + r^2 P4)
          (local.set $r (v128.load offset=107520 (local.get $o)))
          (local.set $z (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $p
            (f64x2.relaxed_madd (local.get $z)
              (f64x2.relaxed_madd (local.get $z) (local.get $c4)
                (f64x2.relaxed_madd (local.get $r) (local.get $c3) (local.get $c2)))
              (f64x2.relaxed_madd (local.get $r) (local.get $c1) (local.get $c0))))
          (local.set $t0
            (f64x2.relaxed_madd (v128.load offset=111616 (local.get $o))
              (f64x2.relaxed_madd (local.get $z)
                (f64x2.relaxed_madd (local.get $r) (local.get $p) (local.get $nh))
                (local.get $r))
              (v128.load offset=115712 (local.get $o))))
          (local.set $r (v128.load offset=107536 (local.get $o)))
          (local.set $z (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $p
            (f64x2.relaxed_madd (local.get $z)
              (f64x2.relaxed_madd (local.get $z) (local.get $c4)
                (f64x2.relaxed_madd (local.get $r) (local.get $c3) (local.get $c2)))
              (f64x2.relaxed_madd (local.get $r) (local.get $c1) (local.get $c0))))
          (local.set $t1
            (f64x2.relaxed_madd (v128.load offset=111632 (local.get $o))
              (f64x2.relaxed_madd (local.get $z)
                (f64x2.relaxed_madd (local.get $r) (local.get $p) (local.get $nh))
                (local.get $r))
              (v128.load offset=115728 (local.get $o))))
          (local.set $r (v128.load offset=107552 (local.get $o)))
          (local.set $z (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $p
            (f64x2.relaxed_madd (local.get $z)
              (f64x2.relaxed_madd (local.get $z) (local.get $c4)
                (f64x2.relaxed_madd (local.get $r) (local.get $c3) (local.get $c2)))
              (f64x2.relaxed_madd (local.get $r) (local.get $c1) (local.get $c0))))
          (local.set $t2
            (f64x2.relaxed_madd (v128.load offset=111648 (local.get $o))
              (f64x2.relaxed_madd (local.get $z)
                (f64x2.relaxed_madd (local.get $r) (local.get $p) (local.get $nh))
                (local.get $r))
              (v128.load offset=115744 (local.get $o))))
          (local.set $r (v128.load offset=107568 (local.get $o)))
          (local.set $z (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $p
            (f64x2.relaxed_madd (local.get $z)
              (f64x2.relaxed_madd (local.get $z) (local.get $c4)
                (f64x2.relaxed_madd (local.get $r) (local.get $c3) (local.get $c2)))
              (f64x2.relaxed_madd (local.get $r) (local.get $c1) (local.get $c0))))
          (local.set $t3
            (f64x2.relaxed_madd (v128.load offset=111664 (local.get $o))
              (f64x2.relaxed_madd (local.get $z)
                (f64x2.relaxed_madd (local.get $r) (local.get $p) (local.get $nh))
                (local.get $r))
              (v128.load offset=115760 (local.get $o))))
        (v128.store offset=124928 (local.get $ci)
          (f64x2.add (f64x2.add (local.get $t0) (local.get $t1)) (f64x2.add (local.get $t2) (local.get $t3))))
        (local.set $ci (i32.add (local.get $ci) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 64)))
        (br $eight)))
    (local.set $s (call $pairwise (i32.const 124928) (i32.shr_u (local.get $ci) (i32.const 4))))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; the pairwise sum of the cnt (>= 1) v128 at p, in place: neighbours added level by level
  (func $pairwise (param $p i32) (param $cnt i32) (result v128)
    (local $i i32) (local $half i32)
    (block $done
      (loop $level
        (br_if $done (i32.le_u (local.get $cnt) (i32.const 1)))
        (local.set $half (i32.shr_u (local.get $cnt) (i32.const 1)))
        (local.set $i (i32.const 0))
        (loop $pair
          (v128.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 4)))
            (f64x2.add (v128.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 5))))
                       (v128.load offset=16 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 5))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $pair (i32.lt_u (local.get $i) (local.get $half))))
        (if (i32.and (local.get $cnt) (i32.const 1))
          (then
            (v128.store (i32.add (local.get $p) (i32.shl (local.get $half) (i32.const 4)))
              (v128.load (i32.add (local.get $p) (i32.shl (i32.sub (local.get $cnt) (i32.const 1)) (i32.const 4)))))
            (local.set $half (i32.add (local.get $half) (i32.const 1)))))
        (local.set $cnt (local.get $half))
        (br $level)))
    (v128.load (local.get $p)))

  ;; ---- pass 2 of a column block of n (even) elements whose first element is in column pair
  ;; j0 of k2: each term -x log x is added to its column's partial sum (plain adds; the caller
  ;; folds the partials into the compensated column sums every 8 rows). With slow = 1 the
  ;; terms of lanes the fast path does not cover (a subnormal, negative, infinite or NaN x) are
  ;; read from T (written by $entr_block) instead; every other term is the fast path's, so a
  ;; column's value is the same whatever the block's width (k) and its neighbours.
  (func $pass2_cols (param $n i32) (param $k2 i32) (param $j0 i32) (param $slow i32)
    (local $o i32) (local $end i32) (local $j i32) (local $v v128) (local $r v128) (local $z v128)
    (local $p v128) (local $x v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $j (i32.shl (local.get $j0) (i32.const 4)))
    (local.set $k2 (i32.shl (local.get $k2) (i32.const 4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $r (v128.load offset=107520 (local.get $o)))
        (local.set $z (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $p
          (f64x2.relaxed_madd (local.get $z)
            (f64x2.relaxed_madd (local.get $z) (global.get $P4)
              (f64x2.relaxed_madd (local.get $r) (global.get $P3) (global.get $P2)))
            (f64x2.relaxed_madd (local.get $r) (global.get $P1) (global.get $P0))))
        (local.set $x (v128.load offset=111616 (local.get $o)))
        (local.set $v
          (f64x2.neg
            (f64x2.relaxed_madd (local.get $x)
              (f64x2.relaxed_madd (local.get $z)
                (f64x2.relaxed_madd (local.get $r) (local.get $p) (global.get $NEG_HALF))
                (local.get $r))
              (v128.load offset=115712 (local.get $o)))))
        ;; a slow block: the lanes of x = 0 or x in [DBL_MIN, inf) keep the fast term, the others
        ;; take $entr_block's (so a column's sum does not depend on which block a term fell in)
        (if (local.get $slow)
          (then
            (local.set $v
              (v128.bitselect (local.get $v) (v128.load offset=1024 (local.get $o))
                (v128.or (v128.and (f64x2.ge (local.get $x) (global.get $DBL_MIN))
                                   (f64x2.lt (local.get $x) (global.get $INF)))
                         (f64x2.eq (local.get $x) (global.get $ZERO)))))))
        (v128.store offset=196608 (local.get $j) (f64x2.add (v128.load offset=196608 (local.get $j)) (local.get $v)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (if (i32.eq (local.get $j) (local.get $k2)) (then (local.set $j (i32.const 0))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    )

  ;; folds the k2 column pairs' partial sums into their sums: s + v = u + err exactly (TwoSum)
  (func $fold_cols (param $k2 i32)
    (local $j i32) (local $v v128) (local $s v128) (local $u v128) (local $bb v128)
    (local.set $k2 (i32.shl (local.get $k2) (i32.const 4)))
    (block $done
      (loop $fold
        (br_if $done (i32.ge_u (local.get $j) (local.get $k2)))
        (local.set $v (v128.load offset=196608 (local.get $j)))
        (v128.store offset=196608 (local.get $j) (global.get $ZERO))
        (local.set $s (v128.load offset=131072 (local.get $j)))
        (local.set $u (f64x2.add (local.get $s) (local.get $v)))
        (local.set $bb (f64x2.sub (local.get $u) (local.get $s)))
        (v128.store offset=131072 (local.get $j) (local.get $u))
        (v128.store offset=163840 (local.get $j)
          (f64x2.add (v128.load offset=163840 (local.get $j))
            (f64x2.add (f64x2.sub (local.get $s) (f64x2.sub (local.get $u) (local.get $bb)))
                       (f64x2.sub (local.get $v) (local.get $bb)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $fold))))

  ;; ((v0+v1)+(v2+v3))+((v4+v5)+(v6+v7)) of the eight v128 at p
  (func $tree8 (param $p i32) (result v128)
    (f64x2.add
      (f64x2.add (f64x2.add (v128.load offset=0 (local.get $p)) (v128.load offset=16 (local.get $p)))
                 (f64x2.add (v128.load offset=32 (local.get $p)) (v128.load offset=48 (local.get $p))))
      (f64x2.add (f64x2.add (v128.load offset=64 (local.get $p)) (v128.load offset=80 (local.get $p)))
                 (f64x2.add (v128.load offset=96 (local.get $p)) (v128.load offset=112 (local.get $p))))))

  ;; sum over i < n of entr(x[i] * scale), x float64 at byte offset ptr: blocks of 512 through
  ;; $pass1 and $pass2_rows (or $entr_block and $sum when the block has special values), block
  ;; sums combined pairwise. Reads x[n] for an odd n (and leaves it as it was).
  (func (export "entr_sum_fast") (param $ptr i32) (param $n i32) (param $scale f64) (result f64)
    (call $row_sum (local.get $ptr) (local.get $n) (local.get $scale)))

  ;; out[i] = sum over j < len of entr(x[i len + j] * scales[i]) for i < rows: the entr sums of
  ;; rows of a row-major block, each as entr_sum_fast computes it, in one call.
  (func (export "entr_rows_fast") (param $ptr i32) (param $rows i32) (param $len i32)
                                  (param $scales i32) (param $out i32)
    (local $i i32) (local $step i32)
    (local.set $step (i32.shl (local.get $len) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $rows)))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (call $row_sum (local.get $ptr) (local.get $len)
                         (f64.load (i32.add (local.get $scales) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $ptr (i32.add (local.get $ptr) (local.get $step)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func $row_sum (param $ptr i32) (param $n i32) (param $scale f64) (result f64)
    (local $m i32) (local $s f64) (local $top i32) (local $c i32) (local $count i32)
    (if (i32.eqz (local.get $n)) (then (return (f64.const 0))))
    (v128.store (global.get $SCALES) (f64x2.splat (local.get $scale)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $m (select (local.get $n) (i32.const 512)
                              (i32.lt_u (local.get $n) (i32.const 512))))
        ;; 0 - sum, not -sum, so that a sum of zeros is +0 as a sum from +0.0 gives
        (local.set $s
          (if (result f64) (call $pass1 (local.get $ptr) (local.get $m) (global.get $SCALES) (i32.const 1) (i32.const 0))
            (then (f64.sub (f64.const 0) (call $pass2_rows (local.get $m))))
            (else
              (call $entr_block (local.get $ptr) (i32.const 1024) (local.get $m) (local.get $scale) (i32.const 0))
              (call $sum (i32.const 1024) (local.get $m)))))
        ;; binary counter: for (c = count++; c & 1; c >>= 1) s = stack[--top] + s
        (local.set $c (local.get $count))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (block $cdone
          (loop $carry
            (br_if $cdone (i32.eqz (i32.and (local.get $c) (i32.const 1))))
            (local.set $top (i32.sub (local.get $top) (i32.const 8)))
            (local.set $s (f64.add (f64.load offset=124160 (local.get $top)) (local.get $s)))
            (local.set $c (i32.shr_u (local.get $c) (i32.const 1)))
            (br $carry)))
        (f64.store offset=124160 (local.get $top) (local.get $s))
        (local.set $top (i32.add (local.get $top) (i32.const 8)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $n (i32.sub (local.get $n) (local.get $m)))
        (br $next)))
    (call $fold_stack (local.get $top)))

  ;; the sum of the partial sums on $STACK below top (bytes), the newest added first
  (func $fold_stack (param $top i32) (result f64)
    (local $s f64)
    (local.set $top (i32.sub (local.get $top) (i32.const 8)))
    (local.set $s (f64.load offset=124160 (local.get $top)))
    (block $fdone
      (loop $fold
        (br_if $fdone (i32.eqz (local.get $top)))
        (local.set $top (i32.sub (local.get $top) (i32.const 8)))
        (local.set $s (f64.add (f64.load offset=124160 (local.get $top)) (local.get $s)))
        (br $fold)))
    (local.get $s))

  ;; Column sums of entr over a row-major n x k block at ptr, read in memory order: for j < k,
  ;; the sum over i < n of entr(x[i k + j] * scales[j]) is added to column j's sum (at
  ;; cols_base + 8 j, its compensation at cols_base + 32768 + 8 j; the column's value is their
  ;; sum). A tall block can come in several calls: first = 1 on the first zeroes the sums,
  ;; last = 1 on the last folds the remaining partial sums in. k must be even and at most 4096
  ;; (pad an odd k with a zero column). Terms are added to a partial sum per column, folded into
  ;; the column's sum with compensation (TwoSum) every 8 rows, so a column's sum is within
  ;; about an ulp of the exact sum of its terms, whatever n.
  (global (export "cols_base") i32 (i32.const 131072))
  ;; elements until the next fold
  (global $until (mut i32) (i32.const 0))
  (func (export "entr_cols_fast") (param $ptr i32) (param $n i32) (param $k i32) (param $scales i32)
                                  (param $first i32) (param $last i32)
    (local $total i32) (local $m i32) (local $k2 i32) (local $j0 i32) (local $every i32)
    (local.set $k2 (i32.shr_u (local.get $k) (i32.const 1)))
    (local.set $every (i32.shl (local.get $k) (i32.const 3)))
    (if (local.get $first)
      (then
        (memory.fill (i32.const 131072) (i32.const 0) (i32.shl (local.get $k) (i32.const 3)))
        (memory.fill (i32.const 163840) (i32.const 0) (i32.shl (local.get $k) (i32.const 3)))
        (memory.fill (i32.const 196608) (i32.const 0) (i32.shl (local.get $k) (i32.const 3)))
        (global.set $until (local.get $every))))
    ;; a call starts at a row (j0 = 0): the block's column pair follows from the elements done
    (local.set $total (i32.mul (local.get $n) (local.get $k)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $total)))
        (local.set $m (select (local.get $total) (i32.const 512)
                              (i32.lt_u (local.get $total) (i32.const 512))))
        (if (i32.gt_u (local.get $m) (global.get $until)) (then (local.set $m (global.get $until))))
        (if (call $pass1 (local.get $ptr) (local.get $m) (local.get $scales) (local.get $k2) (local.get $j0))
          (then (call $pass2_cols (local.get $m) (local.get $k2) (local.get $j0) (i32.const 0)))
          (else
            ;; the scaled x are in the scratch: their entr terms into T, then the same sums
            (call $entr_block (i32.const 111616) (i32.const 1024) (local.get $m) (f64.const 1) (i32.const 0))
            (call $pass2_cols (local.get $m) (local.get $k2) (local.get $j0) (i32.const 1))))
        (global.set $until (i32.sub (global.get $until) (local.get $m)))
        (if (i32.eqz (global.get $until))
          (then
            (call $fold_cols (local.get $k2))
            (global.set $until (local.get $every))))
        (local.set $j0 (i32.rem_u (i32.add (local.get $j0) (i32.shr_u (local.get $m) (i32.const 1)))
                                  (local.get $k2)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $total (i32.sub (local.get $total) (local.get $m)))
        (br $next)))
    (if (local.get $last) (then (call $fold_cols (local.get $k2)))))

  ;; Compensated column sums of a row-major n x k block at ptr, read in memory order: for j < k,
  ;; x = x[i k + j] (i < n) is added to column j's sum s (at cols_base + 8 j) with its rounding
  ;; error to c (at cols_base + 32768 + 8 j; TwoSum, as the TypeScript SUM kernel adds), and x^2
  ;; to its sum of squares (at cols_base + 65536 + 8 j). first = 1 zeroes them first, so a tall
  ;; block can come in several calls. k must be even and at most 4096 (pad an odd k with a zero
  ;; column). Uses the regions of entr_cols_fast.
  (func (export "sum_cols") (param $ptr i32) (param $n i32) (param $k i32) (param $first i32)
    (local $row i32) (local $j i32) (local $x v128) (local $s v128) (local $t v128) (local $bp v128)
    (local.set $row (i32.shl (local.get $k) (i32.const 3)))
    (if (local.get $first)
      (then
        (memory.fill (i32.const 131072) (i32.const 0) (local.get $row))
        (memory.fill (i32.const 163840) (i32.const 0) (local.get $row))
        (memory.fill (i32.const 196608) (i32.const 0) (local.get $row))))
    (block $done
      (loop $rows
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $j (i32.const 0))
        (block $rdone
          (loop $pairs
            (br_if $rdone (i32.ge_u (local.get $j) (local.get $row)))
            (local.set $x (v128.load (i32.add (local.get $ptr) (local.get $j))))
            (local.set $s (v128.load offset=131072 (local.get $j)))
            (local.set $t (f64x2.add (local.get $s) (local.get $x)))
            (local.set $bp (f64x2.sub (local.get $t) (local.get $s)))
            (v128.store offset=163840 (local.get $j)
              (f64x2.add (v128.load offset=163840 (local.get $j))
                (f64x2.add (f64x2.sub (local.get $s) (f64x2.sub (local.get $t) (local.get $bp)))
                           (f64x2.sub (local.get $x) (local.get $bp)))))
            (v128.store offset=131072 (local.get $j) (local.get $t))
            (v128.store offset=196608 (local.get $j)
              (f64x2.add (v128.load offset=196608 (local.get $j)) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $pairs)))
        (local.set $ptr (i32.add (local.get $ptr) (local.get $row)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; =======================================================================================
  ;; rel_entr sums in two passes (rel_entr_sum_fast)
  ;; =======================================================================================
  ;; The arithmetic of $rel_block (k ln2 + 2 atanh(s), s = (mx - my)/(mx + my)), restructured as
  ;; entr_sum_fast is: per block of 512, pass 1 scales and splits x and y, divides, parks s, x
  ;; and k in the scratch and notes whether every lane is a fast lane; pass 2 evaluates the
  ;; polynomial and sums the terms and their absolute values (32-element chunks, chunk sums
  ;; combined pairwise), with no term buffer. A block with any other lane is redone by
  ;; $rel_block (whose scalar pass gives SciPy's special values), $sum and $sum_abs.

  ;; pass 1 of a block (n <= 512): returns 1 when every lane is a fast lane. Reads a[n] and
  ;; b[n] for an odd n (and puts them back).
  (func $rel_pass1 (param $pa i32) (param $pb i32) (param $n i32) (param $sa f64) (param $sb f64)
                   (result i32)
    (local $o i32) (local $end i32) (local $vsa v128) (local $vsb v128) (local $allok v128)
    (local $x v128) (local $y v128) (local $x0 v128) (local $ixa v128) (local $ixb v128)
    (local $mx v128) (local $my v128) (local $t v128) (local $d v128) (local $savea f64) (local $saveb f64)
    (local.set $vsa (f64x2.splat (local.get $sa)))
    (local.set $vsb (f64x2.splat (local.get $sb)))
    (local.set $allok (v128.const i64x2 -1 -1))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $savea (f64.load (i32.add (local.get $pa) (local.get $end))))
        (local.set $saveb (f64.load (i32.add (local.get $pb) (local.get $end))))
        (f64.store (i32.add (local.get $pa) (local.get $end))
                   (f64.load (i32.sub (i32.add (local.get $pa) (local.get $end)) (i32.const 8))))
        (f64.store (i32.add (local.get $pb) (local.get $end))
                   (f64.load (i32.sub (i32.add (local.get $pb) (local.get $end)) (i32.const 8))))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (f64x2.mul (v128.load (i32.add (local.get $pa) (local.get $o))) (local.get $vsa)))
        (local.set $y (f64x2.mul (v128.load (i32.add (local.get $pb) (local.get $o))) (local.get $vsb)))
        (local.set $x0 (f64x2.eq (local.get $x) (global.get $ZERO)))
        ;; fast lanes: both in [DBL_MIN, inf), or x = 0 and y >= 0 (as $rel_block)
        (local.set $allok
          (v128.and (local.get $allok)
            (v128.or
              (v128.and
                (f64x2.ge (f64x2.pmin (local.get $x) (local.get $y)) (global.get $DBL_MIN))
                (f64x2.lt (f64x2.pmax (local.get $y) (local.get $x)) (global.get $INF)))
              (v128.and (local.get $x0) (f64x2.ge (local.get $y) (global.get $ZERO))))))
        (local.set $ixa (i64x2.add (local.get $x) (global.get $OFF)))
        (local.set $ixb (i64x2.add (local.get $y) (global.get $OFF)))
        (local.set $mx (i64x2.add (v128.and (local.get $ixa) (global.get $MANT)) (global.get $MOFF)))
        (local.set $my (i64x2.add (v128.and (local.get $ixb) (global.get $MANT)) (global.get $MOFF)))
        (local.set $t (f64x2.mul (local.get $my) (global.get $SQRT1_2)))
        (local.set $d
          (i64x2.sub (f64x2.ge (f64x2.mul (local.get $mx) (global.get $HALF)) (local.get $t))
                     (f64x2.lt (local.get $mx) (local.get $t))))
        (local.set $mx (i64x2.add (local.get $mx) (i64x2.shl (local.get $d) (i32.const 52))))
        (v128.store offset=115712 (local.get $o)
          (f64x2.sub
            (i64x2.add
              (i64x2.sub
                (i64x2.sub (i64x2.shr_u (local.get $ixa) (i32.const 52))
                           (i64x2.shr_u (local.get $ixb) (i32.const 52)))
                (local.get $d))
              (global.get $MAGIC15))
            (global.get $MAGIC15D)))
        (v128.store offset=107520 (local.get $o)
          (f64x2.div (f64x2.sub (local.get $mx) (local.get $my))
                     (f64x2.add (local.get $mx) (local.get $my))))
        ;; x = 0 lanes: 0 (their term is +0)
        (v128.store offset=111616 (local.get $o) (v128.andnot (local.get $x) (local.get $x0)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $next)))
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (f64.store (i32.add (local.get $pa) (local.get $end)) (local.get $savea))
        (f64.store (i32.add (local.get $pb) (local.get $end)) (local.get $saveb))))
    (local.set $o (local.get $end))
    (block $zdone
      (loop $zero
        (br_if $zdone (i32.eqz (i32.and (local.get $o) (i32.const 31))))
        (f64.store offset=107520 (local.get $o) (f64.const 0))
        (f64.store offset=111616 (local.get $o) (f64.const 0))
        (f64.store offset=115712 (local.get $o) (f64.const 0))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $zero)))
    (i64x2.all_true (local.get $allok)))

  ;; pass 2 of a block of n: the sum of the terms (returned) and of their absolute values
  ;; (added to $abs_total); with dst > 0, the terms also go to dst (+0 where x = 0), rounded up
  ;; to a multiple of 4 (up to 3 past n)
  (func $rel_pass2 (param $n i32) (param $dst i32) (result f64)
    (local $o i32) (local $end i32) (local $cend i32) (local $ci i32) (local $t0 v128) (local $t1 v128)
    (local $a0 v128) (local $a1 v128) (local $m v128) (local $s v128) (local $z v128) (local $w v128)
    (local $dk v128)
    (local.set $end (i32.and (i32.add (i32.shl (local.get $n) (i32.const 3)) (i32.const 31)) (i32.const -32)))
    (block $done
      (loop $chunk
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $cend (i32.add (local.get $o) (i32.const 256)))
        (if (i32.gt_u (local.get $cend) (local.get $end)) (then (local.set $cend (local.get $end))))
        (local.set $a0 (global.get $ZERO))
        (local.set $a1 (global.get $ZERO))
        (loop $four
          ;; x (k ln2_hi + (2s + (s R(s^2) + k ln2_lo))), as $rel_block
          (local.set $s (v128.load offset=107520 (local.get $o)))
          (local.set $dk (v128.load offset=115712 (local.get $o)))
          (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
          (local.set $w (f64x2.mul (local.get $z) (local.get $z)))
          (local.set $t0
            (f64x2.mul (v128.load offset=111616 (local.get $o))
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
                    (f64x2.mul (local.get $dk) (global.get $LN2_LO)))))))
          (local.set $s (v128.load offset=107536 (local.get $o)))
          (local.set $dk (v128.load offset=115728 (local.get $o)))
          (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
          (local.set $w (f64x2.mul (local.get $z) (local.get $z)))
          (local.set $t1
            (f64x2.mul (v128.load offset=111632 (local.get $o))
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
                    (f64x2.mul (local.get $dk) (global.get $LN2_LO)))))))
          (if (local.get $dst)
            (then
              (v128.store (i32.add (local.get $dst) (local.get $o))
                (v128.andnot (local.get $t0) (f64x2.eq (v128.load offset=111616 (local.get $o)) (global.get $ZERO))))
              (v128.store offset=16 (i32.add (local.get $dst) (local.get $o))
                (v128.andnot (local.get $t1) (f64x2.eq (v128.load offset=111632 (local.get $o)) (global.get $ZERO))))))
          (local.set $a0 (f64x2.add (local.get $a0) (local.get $t0)))
          (local.set $a1 (f64x2.add (local.get $a1) (local.get $t1)))
          (local.set $m (f64x2.add (local.get $m) (f64x2.add (f64x2.abs (local.get $t0)) (f64x2.abs (local.get $t1)))))
          (local.set $o (i32.add (local.get $o) (i32.const 32)))
          (br_if $four (i32.lt_u (local.get $o) (local.get $cend))))
        (v128.store offset=123904 (local.get $ci) (f64x2.add (local.get $a0) (local.get $a1)))
        (local.set $ci (i32.add (local.get $ci) (i32.const 16)))
        (br $chunk)))
    (block $cdone
      (loop $cz
        (br_if $cdone (i32.ge_u (local.get $ci) (i32.const 256)))
        (v128.store offset=123904 (local.get $ci) (global.get $ZERO))
        (local.set $ci (i32.add (local.get $ci) (i32.const 16)))
        (br $cz)))
    (global.set $abs_total
      (f64.add (global.get $abs_total)
               (f64.add (f64x2.extract_lane 0 (local.get $m)) (f64x2.extract_lane 1 (local.get $m)))))
    (local.set $s (f64x2.add (call $tree8 (i32.const 123904)) (call $tree8 (i32.const 124032))))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))

  ;; sum over i < n of rel_entr(a[i] * sa, b[i] * sb), block sums combined pairwise; sets
  ;; abs_total to the sum of the terms' absolute values. Reads a[n] and b[n] for an odd n.
  (func (export "rel_entr_sum_fast") (param $pa i32) (param $pb i32) (param $n i32)
                                     (param $sa f64) (param $sb f64) (result f64)
    (local $m i32) (local $s f64) (local $top i32) (local $c i32) (local $count i32)
    (global.set $abs_total (f64.const 0))
    (if (i32.eqz (local.get $n)) (then (return (f64.const 0))))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $m (select (local.get $n) (i32.const 512)
                              (i32.lt_u (local.get $n) (i32.const 512))))
        (local.set $s
          (if (result f64) (call $rel_pass1 (local.get $pa) (local.get $pb) (local.get $m) (local.get $sa) (local.get $sb))
            (then (call $rel_pass2 (local.get $m) (i32.const 0)))
            (else
              (call $rel_block (local.get $pa) (local.get $pb) (i32.const 1024) (local.get $m)
                               (local.get $sa) (local.get $sb))
              (global.set $abs_total (f64.add (global.get $abs_total) (call $sum_abs (i32.const 1024) (local.get $m))))
              (call $sum (i32.const 1024) (local.get $m)))))
        (local.set $c (local.get $count))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (block $cdone
          (loop $carry
            (br_if $cdone (i32.eqz (i32.and (local.get $c) (i32.const 1))))
            (local.set $top (i32.sub (local.get $top) (i32.const 8)))
            (local.set $s (f64.add (f64.load offset=124160 (local.get $top)) (local.get $s)))
            (local.set $c (i32.shr_u (local.get $c) (i32.const 1)))
            (br $carry)))
        (f64.store offset=124160 (local.get $top) (local.get $s))
        (local.set $top (i32.add (local.get $top) (i32.const 8)))
        (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $pb (i32.add (local.get $pb) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $n (i32.sub (local.get $n) (local.get $m)))
        (br $next)))
    (call $fold_stack (local.get $top)))

;; =======================================================================================
  ;; The sums of both operands of a relative entropy (pq_sums)
  ;; =======================================================================================
  ;; For a[0..n) and b[0..n) (the chunk rel_entr_sum_fast then reads with scales 1, while it is
  ;; still in cache): each sum with its rounding error (TwoSum on each lane, the error of every
  ;; addition accumulated, as the engine's compensated SUM does: a tree of 8 values added plainly
  ;; first was 2.2x faster but lost the eps^2 accuracy a dominant value needs), lanes combined by
  ;; TwoSum; the sum of squares; max(0, values) (a NaN is not seen: it is in the sums). With
  ;; pb = pa, a alone (b's results 0). Eight doubles at 126976: sum a, its error, sum a^2, sum b, its
  ;; error, sum b^2, max a, max b (an infinite or NaN sum leaves a NaN error; the caller drops it).
  (func $pq_lane_sums (param $s v128) (param $c v128) (param $q v128) (param $at i32)
    (local $s0 f64) (local $s1 f64) (local $t f64) (local $bp f64)
    (local.set $s0 (f64x2.extract_lane 0 (local.get $s)))
    (local.set $s1 (f64x2.extract_lane 1 (local.get $s)))
    (local.set $t (f64.add (local.get $s0) (local.get $s1)))
    (local.set $bp (f64.sub (local.get $t) (local.get $s0)))
    (f64.store offset=126976 (local.get $at) (local.get $t))
    (f64.store offset=126984 (local.get $at)
      (f64.add
        (f64.add (f64x2.extract_lane 0 (local.get $c)) (f64x2.extract_lane 1 (local.get $c)))
        (f64.add (f64.sub (local.get $s0) (f64.sub (local.get $t) (local.get $bp)))
                 (f64.sub (local.get $s1) (local.get $bp)))))
    (f64.store offset=126992 (local.get $at)
      (f64.add (f64x2.extract_lane 0 (local.get $q)) (f64x2.extract_lane 1 (local.get $q)))))

  (func (export "pq_sums") (param $pa i32) (param $pb i32) (param $n i32)
    (local $o i32) (local $end i32) (local $x v128) (local $y v128) (local $t v128) (local $bp v128)
    (local $sa v128) (local $ca v128) (local $qa v128) (local $sb v128) (local $cb v128) (local $qb v128)
    (local $ma v128) (local $mb v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (if (i32.eq (local.get $pb) (local.get $pa))
      (then ;; b is a: its sums are a's, never read
        (block $one_done
          (loop $one
            (br_if $one_done (i32.ge_u (local.get $o) (local.get $end)))
            (if (i32.lt_u (i32.sub (local.get $end) (local.get $o)) (i32.const 16))
              (then (local.set $x (f64x2.replace_lane 0 (global.get $ZERO) (f64.load (i32.add (local.get $pa) (local.get $o))))))
              (else (local.set $x (v128.load (i32.add (local.get $pa) (local.get $o))))))
            (local.set $t (f64x2.add (local.get $sa) (local.get $x)))
            (local.set $bp (f64x2.sub (local.get $t) (local.get $sa)))
            (local.set $ca (f64x2.add (local.get $ca)
              (f64x2.add (f64x2.sub (local.get $sa) (f64x2.sub (local.get $t) (local.get $bp)))
                         (f64x2.sub (local.get $x) (local.get $bp)))))
            (local.set $sa (local.get $t))
            (local.set $qa (f64x2.add (local.get $qa) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $ma (f64x2.pmax (local.get $ma) (local.get $x)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $one))))
      (else
        (block $done
          (loop $next
            (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
            (if (i32.lt_u (i32.sub (local.get $end) (local.get $o)) (i32.const 16))
              (then ;; the odd last element, beside a zero
                (local.set $x (f64x2.replace_lane 0 (global.get $ZERO) (f64.load (i32.add (local.get $pa) (local.get $o)))))
                (local.set $y (f64x2.replace_lane 0 (global.get $ZERO) (f64.load (i32.add (local.get $pb) (local.get $o))))))
              (else
                (local.set $x (v128.load (i32.add (local.get $pa) (local.get $o))))
                (local.set $y (v128.load (i32.add (local.get $pb) (local.get $o))))))
            (local.set $t (f64x2.add (local.get $sa) (local.get $x)))
            (local.set $bp (f64x2.sub (local.get $t) (local.get $sa)))
            (local.set $ca (f64x2.add (local.get $ca)
              (f64x2.add (f64x2.sub (local.get $sa) (f64x2.sub (local.get $t) (local.get $bp)))
                         (f64x2.sub (local.get $x) (local.get $bp)))))
            (local.set $sa (local.get $t))
            (local.set $qa (f64x2.add (local.get $qa) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $ma (f64x2.pmax (local.get $ma) (local.get $x)))
            (local.set $t (f64x2.add (local.get $sb) (local.get $y)))
            (local.set $bp (f64x2.sub (local.get $t) (local.get $sb)))
            (local.set $cb (f64x2.add (local.get $cb)
              (f64x2.add (f64x2.sub (local.get $sb) (f64x2.sub (local.get $t) (local.get $bp)))
                         (f64x2.sub (local.get $y) (local.get $bp)))))
            (local.set $sb (local.get $t))
            (local.set $qb (f64x2.add (local.get $qb) (f64x2.mul (local.get $y) (local.get $y))))
            (local.set $mb (f64x2.pmax (local.get $mb) (local.get $y)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br $next)))))
    (call $pq_lane_sums (local.get $sa) (local.get $ca) (local.get $qa) (i32.const 0))
    (call $pq_lane_sums (local.get $sb) (local.get $cb) (local.get $qb) (i32.const 24))
    (f64.store offset=127024 (i32.const 0)
      (f64.max (f64x2.extract_lane 0 (local.get $ma)) (f64x2.extract_lane 1 (local.get $ma))))
    (f64.store offset=127032 (i32.const 0)
      (f64.max (f64x2.extract_lane 0 (local.get $mb)) (f64x2.extract_lane 1 (local.get $mb)))))

;; dst[i] = rel_entr(a[i], b[i]) for i < n, by the two passes of rel_entr_sum_fast per block of
  ;; 512 (the arithmetic of $rel_block, which redoes a block with any other lane). dst may be a.
  ;; Reads a[n] and b[n] for an odd n, and writes up to 3 elements past n.
  (func (export "rel_entr_map_fast") (param $pa i32) (param $pb i32) (param $dst i32) (param $n i32)
    (local $m i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $m (select (local.get $n) (i32.const 512)
                              (i32.lt_u (local.get $n) (i32.const 512))))
        (if (call $rel_pass1 (local.get $pa) (local.get $pb) (local.get $m) (f64.const 1) (f64.const 1))
          (then (drop (call $rel_pass2 (local.get $m) (local.get $dst))))
          (else ;; into T first: its scalar pass rereads a, which dst may be
            (call $rel_block (local.get $pa) (local.get $pb) (i32.const 1024) (local.get $m)
                             (f64.const 1) (f64.const 1))
            (memory.copy (local.get $dst) (i32.const 1024) (i32.shl (local.get $m) (i32.const 3)))))
        (local.set $pa (i32.add (local.get $pa) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $pb (i32.add (local.get $pb) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $n (i32.sub (local.get $n) (local.get $m)))
        (br $next))))

  ;; dst[i] = log(src[i]) by the table log, to within 1 ulp (spec/wasm/entropy-fast.spec.ts);
  ;; log(0) = -inf, log(x < 0) = NaN, log(inf) = inf, NaN -> NaN; subnormals scaled by 2^54.
  ;; Works two at a time: may read src[n] and write dst[n] for an odd n.
  (func (export "log_fast_map") (param $src i32) (param $dst i32) (param $n i32)
    (local $end i32) (local $x v128) (local $sub v128) (local $xs v128) (local $ix v128)
    (local $t v128) (local $o0 i32) (local $o1 i32) (local $ra v128) (local $rb v128)
    (local $ca v128) (local $cb v128) (local $m v128) (local $dk v128) (local $r v128)
    (local $w v128) (local $a v128) (local $ew v128) (local $hi v128) (local $lo v128)
    (local $z v128) (local $p v128) (local $lg v128) (local $llo v128)
    (local $iv v128) (local $pp v128) (local $pe v128) (local $mh v128) (local $ml v128)
    (local $ih v128) (local $il v128) (local $rl v128)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $x (v128.load (local.get $src)))
        (local.set $sub (v128.and (f64x2.lt (local.get $x) (global.get $DBL_MIN))
                                  (f64x2.gt (local.get $x) (global.get $ZERO))))
        (local.set $xs (v128.bitselect (f64x2.mul (local.get $x) (global.get $TWO54)) (local.get $x)
                                       (local.get $sub)))
        (local.set $ix (i64x2.add (local.get $xs) (global.get $OFF_T)))
        (local.set $t (v128.and (i64x2.shr_u (local.get $ix) (i32.const 40)) (global.get $ROWMASK)))
        (local.set $o0 (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $t))))
        (local.set $o1 (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $t))))
        (local.set $ra (v128.load offset=102400 (local.get $o0)))
        (local.set $rb (v128.load offset=102400 (local.get $o1)))
        ;; [(log c')_hi, (log c')_lo] of each lane
        (local.set $ca (v128.load offset=102416 (local.get $o0)))
        (local.set $cb (v128.load offset=102416 (local.get $o1)))
        (local.set $llo
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ca) (local.get $cb)))
        (local.set $m (i64x2.add (v128.and (local.get $ix) (global.get $MANT)) (global.get $MOFF_T)))
        (local.set $dk
          (f64x2.sub
            (f64x2.sub
              (v128.or (i64x2.shr_u (local.get $ix) (i32.const 52)) (global.get $MAGIC))
              (global.get $MAGICK))
            (v128.and (local.get $sub) (global.get $F54))))
        ;; r = m invc - 1 exactly, as r + rl: p + pe = m invc exactly (FMA, or Dekker's product
        ;; with m split by its bits and invc by Veltkamp's), p - 1 exact (Sterbenz)
        (local.set $iv (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ra) (local.get $rb)))
        (local.set $pp (f64x2.mul (local.get $m) (local.get $iv)))
;;#fma
        (local.set $pe (f64x2.relaxed_madd (local.get $m) (local.get $iv) (f64x2.neg (local.get $pp))))
;;#else
        (local.set $mh (v128.and (local.get $m) (global.get $HI26)))
        (local.set $ml (f64x2.sub (local.get $m) (local.get $mh)))
        (local.set $ih (f64x2.mul (local.get $iv) (global.get $SPLIT)))
        (local.set $ih (f64x2.sub (local.get $ih) (f64x2.sub (local.get $ih) (local.get $iv))))
        (local.set $il (f64x2.sub (local.get $iv) (local.get $ih)))
        (local.set $pe
          (f64x2.add
            (f64x2.add
              (f64x2.add (f64x2.sub (f64x2.mul (local.get $mh) (local.get $ih)) (local.get $pp))
                         (f64x2.mul (local.get $mh) (local.get $il)))
              (f64x2.mul (local.get $ml) (local.get $ih)))
            (f64x2.mul (local.get $ml) (local.get $il))))
;;#end
        (local.set $pp (f64x2.sub (local.get $pp) (global.get $ONE)))
        (local.set $r (f64x2.add (local.get $pp) (local.get $pe)))
        (local.set $rl (f64x2.add (f64x2.sub (local.get $pp) (local.get $r)) (local.get $pe)))
        ;; w = k ln2_hi + (log c')_hi, exactly as w + ew (|k ln2_hi| >= |log c'| unless k = 0)
        (local.set $a (f64x2.mul (local.get $dk) (global.get $LN2_HI)))
        (local.set $w (f64x2.add (local.get $a)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ca) (local.get $cb))))
        (local.set $ew (f64x2.add (f64x2.sub (local.get $a) (local.get $w))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ca) (local.get $cb))))
        ;; hi + lo = w + r exactly (|w| >= |r| unless w = 0)
        (local.set $hi (f64x2.add (local.get $w) (local.get $r)))
        (local.set $lo (f64x2.add (f64x2.sub (local.get $w) (local.get $hi)) (local.get $r)))
        (local.set $z (f64x2.mul (local.get $r) (local.get $r)))
        (local.set $p
          (f64x2.relaxed_madd (local.get $z)
            (f64x2.relaxed_madd (local.get $z) (global.get $P4)
              (f64x2.relaxed_madd (local.get $r) (global.get $P3) (global.get $P2)))
            (f64x2.relaxed_madd (local.get $r) (global.get $P1) (global.get $P0))))
        (local.set $lg
          (f64x2.add (local.get $hi)
            (f64x2.add (local.get $lo)
              (f64x2.add
                (f64x2.add (f64x2.add (local.get $ew) (local.get $rl))
                  (f64x2.relaxed_madd (local.get $dk) (global.get $LN2_LO) (local.get $llo)))
                (f64x2.mul (local.get $z)
                  (f64x2.relaxed_madd (local.get $r) (local.get $p) (global.get $NEG_HALF)))))))
        ;; special values
        (local.set $lg
          (v128.bitselect (global.get $NEGINF) (local.get $lg)
            (f64x2.eq (local.get $x) (global.get $ZERO))))
        (local.set $lg
          (v128.bitselect (local.get $x) (local.get $lg)
            (v128.or (f64x2.ne (local.get $x) (local.get $x))
                     (f64x2.eq (local.get $x) (global.get $INF)))))
        (v128.store (local.get $dst)
          (v128.bitselect (f64x2.sqrt (global.get $NEGINF)) (local.get $lg)
            (f64x2.lt (local.get $x) (global.get $ZERO))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next))))
)
