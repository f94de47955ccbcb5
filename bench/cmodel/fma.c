// Compute probe for docs/design-perf10.md: 8 chains of AVX2 FMA in registers (mode 0) or 4 chains of integer ALU work
// (mode 1), on 1 or 2 threads. gcc -O2 -mavx2 -mfma -pthread bench/cmodel/fma.c -o /tmp/fma && /tmp/fma MODE THREADS
#include <stdio.h>
#include <pthread.h>
#include <time.h>
#include <stdint.h>
#include <immintrin.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static int mode;
void* work(void* a){
  double t0=now();
  if(mode==0){ // fma throughput: 8 independent chains
    __m256 x[8]; for(int i=0;i<8;i++)x[i]=_mm256_set1_ps(1.0f+i*1e-3f);
    __m256 m=_mm256_set1_ps(0.9999f),c=_mm256_set1_ps(1e-4f);
    for(long k=0;k<200000000;k++) for(int i=0;i<8;i++) x[i]=_mm256_fmadd_ps(x[i],m,c);
    float s=0; for(int i=0;i<8;i++){float o[8];_mm256_storeu_ps(o,x[i]);s+=o[0];}
    printf("  fma: %.3f s (%g)\n",now()-t0,s);
  } else { // scalar integer adds, 4 chains (ALU throughput)
    uint64_t a0=1,a1=2,a2=3,a3=4;
    for(long k=0;k<2000000000;k++){a0+=k;a1^=a0;a2+=a1;a3^=a2; __asm__ volatile(""::"r"(a3));}
    printf("  alu: %.3f s (%lu)\n",now()-t0,(unsigned long)(a0+a1+a2+a3));
  }
  return 0;}
int main(int c,char**v){mode=v[1][0]-'0';int th=v[2][0]-'0';pthread_t t[2];for(int i=0;i<th;i++)pthread_create(&t[i],0,work,0);for(int i=0;i<th;i++)pthread_join(t[i],0);}
