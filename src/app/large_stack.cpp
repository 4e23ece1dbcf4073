#include "app/large_stack.h"

#include <malloc.h>
#include <pthread.h>

#include <algorithm>
#include <exception>

namespace trustlint {

namespace {

struct Job {
  const std::function<int()>* work;
  int result = 0;
  std::exception_ptr error;
};

void* RunJob(void* arg) {
  auto* job = static_cast<Job*>(arg);
  try {
    job->result = (*job->work)();
  } catch (...) {
    job->error = std::current_exception();  // rethrown on the calling thread
  }
  return nullptr;
}

}  // namespace

int RunOnLargeStack(const std::function<int()>& work, std::size_t stack_bytes) {
  Job job{&work};
  // One arena for the process: a second thread would otherwise get its own glibc
  // arena, grown by mprotect a page range at a time (12% slower HCL parsing, measured).
  mallopt(M_ARENA_MAX, 1);
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return work();
  pthread_t thread;
  const bool started =
      pthread_attr_setstacksize(&attr, stack_bytes) == 0 && pthread_create(&thread, &attr, RunJob, &job) == 0;
  pthread_attr_destroy(&attr);
  if (!started) return work();
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
  return job.result;
}

void AllowMallocArenas(unsigned jobs) { mallopt(M_ARENA_MAX, static_cast<int>(std::max(1u, jobs))); }

}  // namespace trustlint
