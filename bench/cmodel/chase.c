// Memory probe for docs/design-perf10.md: dependent random loads (pointer chase) over KB kilobytes, per thread, with
// the buffer advised for transparent huge pages (madvise). gcc -O2 -pthread bench/cmodel/chase.c -o /tmp/chase && /tmp/chase KB THREADS
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <time.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>
// pointer chase over a random cyclic permutation of `bytes` bytes: latency per load
static size_t BYTES;
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
void* chase(void* arg){
  size_t n=BYTES/64; uint64_t* a=aligned_alloc(2<<20,((n*64+(2<<20)-1)/(2<<20))*(2<<20)); madvise(a,((n*64+(2<<20)-1)/(2<<20))*(2<<20),MADV_HUGEPAGE);
  size_t* perm=malloc(n*sizeof(size_t)); for(size_t i=0;i<n;i++)perm[i]=i;
  unsigned s=(unsigned)(uintptr_t)arg*7+1; for(size_t i=n-1;i>0;i--){s=s*1103515245+12345;size_t j=(s>>8)%(i+1);size_t t=perm[i];perm[i]=perm[j];perm[j]=t;}
  for(size_t i=0;i<n;i++) a[perm[i]*8]=(uint64_t)&a[perm[(i+1)%n]*8];
  uint64_t* p=(uint64_t*)a[perm[0]*8]; long iters=20000000;
  for(long i=0;i<iters/4;i++) p=(uint64_t*)*p;
  double t0=now(); for(long i=0;i<iters;i++) p=(uint64_t*)*p; double t=now()-t0;
  printf("  %zu KB: %.2f ns/load (%p)\n",BYTES/1024,t/iters*1e9,(void*)p); system("grep AnonHuge /proc/$PPID/smaps_rollup 2>/dev/null || true"); return 0;}
int main(int c,char**v){BYTES=atol(v[1])*1024;int th=atoi(v[2]);pthread_t t[8];
 for(int i=0;i<th;i++)pthread_create(&t[i],0,chase,(void*)(uintptr_t)i);for(int i=0;i<th;i++)pthread_join(t[i],0);}
