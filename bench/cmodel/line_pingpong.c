// Round-trip time of one cache line bounced between two threads pinned to CPUs 0 and 1: where the host has placed this
// guest's two vCPUs right now. On the 2-vCPU benchmark VM it reads ~35-45 ns (one core complex), ~75-125 ns (two
// complexes of one socket) or ~400-530 ns (two sockets), and the placement changes every few seconds
// (docs/design-perf12.md: the two-socket placement is the "slow mode" of 2-thread runs).
//
// Build and run:  gcc -O2 -pthread bench/cmodel/line_pingpong.c -o /tmp/line_pingpong && /tmp/line_pingpong
// Prints nanoseconds per round trip, averaged over 200000 round trips (~20-100 ms). Not part of the test suite.
#define _GNU_SOURCE
#include <stdio.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <immintrin.h>

static volatile int flag __attribute__((aligned(64)));
enum { ROUNDS = 200000 };

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *answer(void *unused)
{
    pin(1);
    for (int i = 0; i < ROUNDS; i++) {
        while (flag != 2 * i + 1) _mm_pause();
        flag = 2 * i + 2;
    }
    return 0;
}

int main(void)
{
    pthread_t other;
    struct timespec a, b;
    pin(0);
    pthread_create(&other, 0, answer, 0);
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < ROUNDS; i++) {
        flag = 2 * i + 1;
        while (flag != 2 * i + 2) _mm_pause();
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    pthread_join(other, 0);
    printf("%.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / ROUNDS);
    return 0;
}
