/*
 * A stand-in libnvidia-ml.so for test/worker/nvml-stub.test.ts: the NVML entry points the worker's collector binds,
 * with nvml.h's structure layouts, answering with a recorded H100 attestation report and certificate chain read
 * from files. Test controls (nvmlStub*) set the files, the CC state and a failing call. -DNVML_STUB_OMIT_SETTINGS
 * leaves out the settings query (drivers before 550), -DNVML_STUB_OMIT_CERT the certificate call (a broken library).
 * Built by the test with the system C compiler: cc -shared -fPIC -o libnvidia-ml.so nvml-stub.c
 */
#include <stdio.h>
#include <string.h>

typedef int nvmlReturn_t;
typedef struct nvmlDevice_st *nvmlDevice_t;

typedef struct {
  unsigned int isCecAttestationReportPresent;
  unsigned int attestationReportSize;
  unsigned int cecAttestationReportSize;
  unsigned char nonce[0x20];
  unsigned char attestationReport[0x2000];
  unsigned char cecAttestationReport[0x1000];
} nvmlConfComputeGpuAttestationReport_t;

typedef struct {
  unsigned int certChainSize;
  unsigned int attestationCertChainSize;
  unsigned char certChain[0x1000];
  unsigned char attestationCertChain[0x1400];
} nvmlConfComputeGpuCertificate_t;

typedef struct {
  unsigned int environment;
  unsigned int ccFeature;
  unsigned int devToolsMode;
} nvmlConfComputeSystemState_t;

typedef struct {
  unsigned int version;
  unsigned int environment;
  unsigned int ccFeature;
  unsigned int devToolsMode;
  unsigned int multiGpuMode;
} nvmlSystemConfComputeSettings_v1_t;

#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_INSUFFICIENT_SIZE 7
#define NVML_ERROR_ARGUMENT_VERSION_MISMATCH 25
#define SETTINGS_V1 (sizeof(nvmlSystemConfComputeSettings_v1_t) | (1u << 24))

static char report_path[4096], chain_path[4096], fail_name[128];
static int fail_code, init_count, cc_feature = 1, devtools = 0, environment = 2, count = 1;
static unsigned char last_nonce[0x20];
static struct nvmlDevice_st { int index; } devices[4];

void nvmlStubSetFiles(const char *report, const char *chain) {
  snprintf(report_path, sizeof report_path, "%s", report);
  snprintf(chain_path, sizeof chain_path, "%s", chain);
}
void nvmlStubSetState(int cc, int dev, int env, int n) {
  cc_feature = cc;
  devtools = dev;
  environment = env;
  count = n;
}
void nvmlStubFail(const char *name, int code) {
  snprintf(fail_name, sizeof fail_name, "%s", name);
  fail_code = code;
}
int nvmlStubInitCount(void) { return init_count; }
void nvmlStubLastNonce(unsigned char *out) { memcpy(out, last_nonce, sizeof last_nonce); }

static int failing(const char *name) { return fail_code != 0 && strcmp(name, fail_name) == 0; }

static long read_file(const char *path, unsigned char *buf, long max) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  long n = (long)fread(buf, 1, (size_t)max, f);
  int more = fgetc(f) != EOF;
  fclose(f);
  return more ? -1 : n;
}

nvmlReturn_t nvmlInit_v2(void) {
  if (failing("nvmlInit_v2")) return fail_code;
  init_count++;
  return NVML_SUCCESS;
}
nvmlReturn_t nvmlShutdown(void) {
  if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
  init_count--;
  return failing("nvmlShutdown") ? fail_code : NVML_SUCCESS;
}
nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *n) {
  if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
  if (failing("nvmlDeviceGetCount_v2")) return fail_code;
  *n = (unsigned int)count;
  return NVML_SUCCESS;
}
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
  if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
  if (failing("nvmlDeviceGetHandleByIndex_v2")) return fail_code;
  if (index >= (unsigned int)count || index >= 4) return NVML_ERROR_INVALID_ARGUMENT;
  devices[index].index = (int)index;
  *device = &devices[index];
  return NVML_SUCCESS;
}
nvmlReturn_t nvmlSystemGetConfComputeState(nvmlConfComputeSystemState_t *s) {
  if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
  if (failing("nvmlSystemGetConfComputeState")) return fail_code;
  s->environment = (unsigned int)environment;
  s->ccFeature = (unsigned int)cc_feature;
  s->devToolsMode = (unsigned int)devtools;
  return NVML_SUCCESS;
}
#ifndef NVML_STUB_OMIT_SETTINGS
nvmlReturn_t nvmlSystemGetConfComputeSettings(nvmlSystemConfComputeSettings_v1_t *s) {
  if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
  if (failing("nvmlSystemGetConfComputeSettings")) return fail_code;
  if (s->version != SETTINGS_V1) return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
  s->environment = (unsigned int)environment;
  s->ccFeature = (unsigned int)cc_feature;
  s->devToolsMode = (unsigned int)devtools;
  s->multiGpuMode = 0;
  return NVML_SUCCESS;
}
#endif
/* Like the GPU, answers over the nonce in the request; unlike it, can only replay the recorded report. */
nvmlReturn_t nvmlDeviceGetConfComputeGpuAttestationReport(nvmlDevice_t d, nvmlConfComputeGpuAttestationReport_t *r) {
  if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
  if (d == NULL || d->index < 0) return NVML_ERROR_INVALID_ARGUMENT;
  if (failing("nvmlDeviceGetConfComputeGpuAttestationReport")) return fail_code;
  memcpy(last_nonce, r->nonce, sizeof last_nonce);
  long n = read_file(report_path, r->attestationReport, sizeof r->attestationReport);
  if (n < 0) return NVML_ERROR_INSUFFICIENT_SIZE;
  r->attestationReportSize = (unsigned int)n;
  r->isCecAttestationReportPresent = 0;
  r->cecAttestationReportSize = 0;
  return NVML_SUCCESS;
}
#ifndef NVML_STUB_OMIT_CERT
nvmlReturn_t nvmlDeviceGetConfComputeGpuCertificate(nvmlDevice_t d, nvmlConfComputeGpuCertificate_t *c) {
  if (init_count == 0) return NVML_ERROR_UNINITIALIZED;
  if (d == NULL || d->index < 0) return NVML_ERROR_INVALID_ARGUMENT;
  if (failing("nvmlDeviceGetConfComputeGpuCertificate")) return fail_code;
  long n = read_file(chain_path, c->attestationCertChain, sizeof c->attestationCertChain);
  if (n < 0) return NVML_ERROR_INSUFFICIENT_SIZE;
  c->attestationCertChainSize = (unsigned int)n;
  c->certChainSize = 0;
  return NVML_SUCCESS;
}
#endif
