// Memory probe for docs/design-perf10.md: independent random line loads (memory-level parallelism) over KB kilobytes.
// gcc -O2 -pthread bench/cmodel/mlp.c -o /tmp/mlp && /tmp/mlp KB THREADS
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <time.h>
#include <stdint.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static size_t BYTES; static int TH;
void* go(void* arg){
  size_t n=BYTES/4; uint32_t* a=malloc(BYTES); for(size_t i=0;i<n;i++)a[i]=i;
  long m=4000000; uint32_t* idx=malloc(m*4); unsigned s=(uintptr_t)arg*77+3; for(long i=0;i<m;i++){s=s*1103515245+12345; idx[i]=((uint64_t)s*2654435761u>>7)%(n/16)*16;}
  uint64_t sum=0; for(long i=0;i<m;i++) sum+=a[idx[i]];
  double t0=now(); for(long i=0;i<m;i++) sum+=a[idx[i]]; double t=now()-t0;
  printf("  %zu KB x%d: %.2f ns per independent random line (%lu)\n",BYTES/1024,TH,t/m*1e9,(unsigned long)sum); return 0;}
int main(int c,char**v){BYTES=atol(v[1])*1024;TH=atoi(v[2]);pthread_t t[8];for(int i=0;i<TH;i++)pthread_create(&t[i],0,go,(void*)(uintptr_t)i);for(int i=0;i<TH;i++)pthread_join(t[i],0);}
