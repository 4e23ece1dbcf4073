#include "app/large_stack.h"

#include <malloc.h>
#include <pthread.h>

#include <exception>

#include "base/parallel.h"

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

// One thread (jobs 1): one arena for the process. The scan thread would otherwise get
// an arena of its own, grown by mprotect a page range at a time, and that costs
// (measured: 12% slower HCL parsing, 20% slower on 1,000 CloudFormation templates).
// Several: one arena per worker besides the scan thread's, or the workers queue on
// one arena's lock (measured: --jobs 2 no faster than 1, 66,000 futex calls on 1,000
// templates). glibc takes the limit when a thread first allocates, so it is set here,
// before any thread exists, and never changed afterwards.
void LimitMallocArenas(unsigned jobs) {
  const unsigned threads = jobs == 0 ? DefaultJobs() : jobs;
  mallopt(M_ARENA_MAX, threads <= 1 ? 1 : static_cast<int>(threads) + 1);
}

}  // namespace

int RunOnLargeStack(const std::function<int()>& work, unsigned jobs, std::size_t stack_bytes) {
  Job job{&work};
  LimitMallocArenas(jobs);
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


}  // namespace trustlint
