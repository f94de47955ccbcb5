// A C model of BrainSharp's COBA-64000 step, the yardstick for the 2-thread target of issue #5 (docs/design-perf10.md).
// Forward Euler LIF with the two exponential conductances fused into the update, event-driven delivery of constant
// weights from per-worker line-aligned slots (each spiking row's targets in the worker's share), one sense-reversing
// spin barrier per step, double-buffered spike lists. 64000 neurons (80 % excitatory), p = 80/N, Brette et al.'s COBA
// parameters; 1 s of biological time at dt = 0.1 ms; it settles at 19.70 Hz, as BrainSharp's and Brian2's COBA.
//
// Build and run:  gcc -O3 -mavx2 -mfma -pthread bench/cmodel/coba_step.c -o /tmp/coba_step -lm
//                 /tmp/coba_step THREADS REPEATS        (e.g. alternate /tmp/coba_step 1 1 and /tmp/coba_step 2 1)
// Environment switches (each set to any value): PROF prints per-worker phase times; SPLITROWS splits each worker's row
// into an "E part" and an "I part" in two slot arrays (BrainSharp's separate projections before source bundles);
// SERIAL has worker 0 merge the spike lists between two barriers; MIG has worker 0 update the last eighth of worker
// 1's share (a helper taking over a chunk). Not part of the test suite; a measuring tool.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <immintrin.h>
#include <math.h>
#define N 64000
#define NE 51200
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static int T, STEPS; static int SERIAL, SPLITROWS;
static int merged[2][N]; static int nmerged[2];
static float *v, *ge, *gi; static int *from;
static uint16_t *slots[2], *slots2[2]; static uint8_t *lens[2], *lens2[2]; static int cap[2], cap2[2];
static int *spk[2][2]; static int nspk[2][2]; // [parity][worker]
static volatile int bar_count, bar_sense; static long total_spikes;
static uint64_t rng=88172645463325252ULL; static uint64_t xr(){rng^=rng<<13;rng^=rng>>7;rng^=rng<<17;return rng;}
static void barrier(int *local){ int s=*local^=1; if(__sync_sub_and_fetch(&bar_count,1)==0){bar_count=T; __atomic_store_n(&bar_sense,s,__ATOMIC_RELEASE);} else while(__atomic_load_n(&bar_sense,__ATOMIC_ACQUIRE)!=s) _mm_pause(); }
// constants (ms, mV, nS, pF): dt 0.1, C 200, gL 10, EL -60, vt -50, vr -60, Ee 0, Ei -80, taue 5, taui 10, ref 5 ms
static const float dtC=0.1f/200.f, gL=10.f, EL=-60.f, VT=-50.f, VR=-60.f, EI=-80.f, de=0.98019867f, di=0.99004983f, WE=6.f, WI=67.f;
static int update(int a,int b,int step,int*out){
  int n=0; __m256 vdtC=_mm256_set1_ps(dtC), vgL=_mm256_set1_ps(gL), vEL=_mm256_set1_ps(EL), vVT=_mm256_set1_ps(VT), vVR=_mm256_set1_ps(VR), vEI=_mm256_set1_ps(EI), vde=_mm256_set1_ps(de), vdi=_mm256_set1_ps(di);
  __m256i vstep=_mm256_set1_epi32(step);
  for(int i=a;i<b;i+=8){
    __m256 x=_mm256_loadu_ps(v+i), e=_mm256_loadu_ps(ge+i), g=_mm256_loadu_ps(gi+i);
    __m256 I=_mm256_add_ps(_mm256_add_ps(_mm256_mul_ps(vgL,_mm256_sub_ps(vEL,x)), _mm256_mul_ps(e,_mm256_sub_ps(_mm256_setzero_ps(),x))), _mm256_mul_ps(g,_mm256_sub_ps(vEI,x)));
    __m256 xn=_mm256_fmadd_ps(vdtC,I,x);
    __m256i f=_mm256_loadu_si256((__m256i*)(from+i));
    __m256 active=_mm256_castsi256_ps(_mm256_cmpgt_epi32(vstep,_mm256_sub_epi32(f,_mm256_set1_epi32(1)))); // step>=from
    xn=_mm256_blendv_ps(x,xn,active);
    __m256 sp=_mm256_and_ps(active,_mm256_cmp_ps(xn,vVT,_CMP_GT_OQ));
    xn=_mm256_blendv_ps(xn,vVR,sp);
    _mm256_storeu_ps(v+i,xn); _mm256_storeu_ps(ge+i,_mm256_mul_ps(e,vde)); _mm256_storeu_ps(gi+i,_mm256_mul_ps(g,vdi));
    unsigned m=_mm256_movemask_ps(sp);
    while(m){int j=i+__builtin_ctz(m); out[n++]=j; from[j]=step+50; m&=m-1;}
  }
  return n;
}
static void deliver(int w,int par){
  uint16_t*sl=slots[w]; uint8_t*ln=lens[w]; int c=cap[w]; int base=w*(N/T);
  float *gE=ge+base, *gI=gi+base;
  for(int u=0;u<(SERIAL?1:T);u++){ int*l=SERIAL?merged[par]:spk[par][u]; int n=SERIAL?nmerged[par]:nspk[par][u];
    for(int k=0;k<n;k++){ if(k+4<n){int r=l[k+4]; const char*p=(const char*)(sl+(size_t)r*c); _mm_prefetch(p,_MM_HINT_T0); if(ln[r]>32)_mm_prefetch(p+64,_MM_HINT_T0);}
      int i=l[k]; uint16_t*row=sl+(size_t)i*c; int L=ln[i]; float*g= i<NE?gE:gI; float w8= i<NE?WE:WI;
      for(int j=0;j<L;j++) g[row[j]]+=w8; } 
    if(SPLITROWS) for(int k=0;k<n;k++){ if(k+4<n){int r=l[k+4]; _mm_prefetch((const char*)(slots2[w]+(size_t)r*cap2[w]),_MM_HINT_T0);}
      int i=l[k]; uint16_t*row=slots2[w]+(size_t)i*cap2[w]; int L=lens2[w][i]; float*g= i<NE?gE:gI; float w8= i<NE?WE:WI;
      for(int j=0;j<L;j++) g[row[j]]+=w8; } }
}
static void* worker(void*arg){ int w=(int)(intptr_t)arg, local=0; int a=w*(N/T), b=a+N/T;
  double tu=0,tb=0,td=0;
  int MIG=getenv("MIG")!=0; int chunk=(N/T)/8;
  for(int s=0;s<STEPS;s++){ int par=s&1; double t0=now();
    if(MIG && T==2){ // worker 0 updates the last eighth of worker 1's share (as a helper would); spikes go to the owner's list order-preserving
      if(w==0){ int n0=update(a,b,s,spk[par][0]); int n1=update(N/T*2-chunk,N/T*2,s,spk[par][0]+n0); nspk[par][0]=n0+n1; }
      else nspk[par][1]=update(a,b-chunk,s,spk[par][1]); }
    else nspk[par][w]=update(a,b,s,spk[par][w]); double t1=now(); barrier(&local); double t2=now(); tu+=t1-t0; tb+=t2-t1;
    if(SERIAL){ if(w==0){ int n=0; for(int u=0;u<T;u++){ memcpy(merged[par]+n,spk[par][u],nspk[par][u]*4); n+=nspk[par][u]; } nmerged[par]=n; } barrier(&local); }
    double t3=now(); deliver(w,par); td+=now()-t3;
    if(w==0) total_spikes+=nspk[par][0]+(T>1?nspk[par][1]:0); }
  if(getenv("PROF")) printf("  w%d: update %.2f barrier %.2f deliver %.2f us/step\n",w,tu/STEPS*1e6,tb/STEPS*1e6,td/STEPS*1e6);
  return 0; }
static void build(){
  // rows: for source i, targets over all N with p=80/N, split per worker share, in slots of cap = max len rounded to 32
  double p=80.0/N; int share=N/T;
  uint16_t *tmp=malloc(sizeof(uint16_t)*N*200); int *len=calloc((size_t)N*T,sizeof(int)); int *off=malloc(sizeof(int)*N);
  int pos=0; rng=12345;
  double lq=log(1-p);
  for(int i=0;i<N;i++){ off[i]=pos; for(long j=-1;;){ double u=((xr()>>11)+1)*(1.0/9007199254740993.0); j+=1+(long)(log(u)/lq); if(j>=N)break; tmp[pos++]=(uint16_t)j; len[i*T+j/share]++; } }
  for(int w=0;w<T;w++){ int mx=0; for(int i=0;i<N;i++) if(len[i*T+w]>mx) mx=len[i*T+w]; cap[w]=(mx+31)/32*32;
    slots[w]=aligned_alloc(64,(size_t)N*cap[w]*2); lens[w]=malloc(N);
    slots2[w]=aligned_alloc(64,(size_t)N*cap[w]*2); lens2[w]=malloc(N); cap2[w]=cap[w];
    for(int i=0;i<N;i++){ int n=0,n2=0; for(int k=off[i]; k<(i+1<N?off[i+1]:pos); k++) if(tmp[k]/share==w){ int t=tmp[k]-w*share;
        if(SPLITROWS && t>=share*4/5) slots2[w][(size_t)i*cap2[w]+n2++]=t; else slots[w][(size_t)i*cap[w]+n++]=t; } lens[w][i]=n; lens2[w][i]=n2; } }
  free(tmp); free(len); free(off);
}
int main(int argc,char**argv){ T=atoi(argv[1]); STEPS=10000; SERIAL=getenv("SERIAL")!=0; SPLITROWS=getenv("SPLITROWS")!=0;
  v=aligned_alloc(64,N*4); ge=aligned_alloc(64,N*4); gi=aligned_alloc(64,N*4); from=aligned_alloc(64,N*4);
  build();
  for(int rep=0;rep<atoi(argv[2]);rep++){
    rng=777; for(int i=0;i<N;i++){ double u1=((xr()>>11)+1)*(1.0/9007199254740993.0),u2=(xr()>>11)*(1.0/9007199254740992.0),z=sqrt(-2*log(u1))*cos(6.283185307*u2),z2=sqrt(-2*log(u1))*sin(6.283185307*u2);
      v[i]=-65.f+5.f*(float)z; ge[i]=40.f+15.f*(float)z2; gi[i]=200.f+120.f*(float)z; if(gi[i]<0)gi[i]=0; if(ge[i]<0)ge[i]=0; from[i]=-1000000; }
    for(int p2=0;p2<2;p2++) for(int w=0;w<2;w++) spk[p2][w]=realloc(spk[p2][w],sizeof(int)*N);
    bar_count=T; bar_sense=0; total_spikes=0;
    double t0=now(); pthread_t th[2];
    for(int w=1;w<T;w++) pthread_create(&th[w],0,worker,(void*)(intptr_t)w);
    worker((void*)0); for(int w=1;w<T;w++) pthread_join(th[w],0);
    double t=now()-t0; printf("threads %d: %.3f s, rate %.2f Hz\n",T,t,total_spikes/(double)N);
  }
}
