/*
 * The anchor for the lab's SGD path (issue 19): the same loop as advancePathCpu in
 * src/experiments/label-noise-sgd/sgdCpu.ts and sgdPath.wat, in C. One path, N = 100 points, B = 5
 * distinct indices per step (xorshift32, the same index map, rejection on repeats), 10^6 steps.
 * `npm run bench` compiles it with gcc -O3 when gcc is present and prints the best of five runs in ms.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static uint32_t xorshift32(uint32_t s) {
  s ^= s << 13;
  s ^= s >> 17;
  s ^= s << 5;
  return s;
}

int main(int argc, char **argv) {
  const int n = 100, batch = 5;
  const long iters = argc > 1 ? atol(argv[1]) : 1000000;
  const double scale = 0.01 / batch;
  double pk[3 * 100];
  uint32_t seed = 12345;
  for (int i = 0; i < n; i++) {
    seed = xorshift32(seed);
    pk[3 * i] = (seed % 1000) / 222.0 - 2.25;
    seed = xorshift32(seed);
    pk[3 * i + 1] = (seed % 1000) / 222.0 - 2.25;
    pk[3 * i + 2] = pk[3 * i] + pk[3 * i + 1];
  }
  double best = 1e30, sink = 0;
  for (int rep = 0; rep < 5; rep++) {
    int32_t stamp[100];
    for (int i = 0; i < n; i++) stamp[i] = -1;
    uint32_t s = 1;
    double b0 = 0, b1 = 0;
    const double t0 = now_ms();
    for (long t = 0; t < iters; t++) {
      double g0 = 0, g1 = 0;
      for (int j = 0; j < batch; j++) {
        uint32_t i;
        do {
          s = xorshift32(s);
          i = ((s >> 16) * n + (((s & 0xffff) * n) >> 16)) >> 16;
        } while (stamp[i] == (int32_t)t);
        stamp[i] = (int32_t)t;
        const double a = pk[3 * i], b = pk[3 * i + 1];
        const double r = a * b0 + b * b1 - pk[3 * i + 2];
        g0 += a * r;
        g1 += b * r;
      }
      b0 -= scale * g0;
      b1 -= scale * g1;
    }
    const ms = now_ms() - t0;
    if (ms < best) best = ms;
    sink += b0 + b1;
  }
  /* sink: keeps the loop from being optimised away */
  printf("{\"ms\": %.3f, \"sink\": %.6g}\n", best, sink);
  return 0;
}
