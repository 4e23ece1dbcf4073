#include "base/parallel.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace trustlint {
namespace {

// What the workers and the calling thread share.
class Pool {
 public:
  Pool(std::size_t count, const std::function<void(std::size_t)>& work)
      : work_(work), finished_(count, false), errors_(count) {}

  // A worker: takes the next item until none is left or the caller stops early.
  void Work() {
    for (;;) {
      const std::size_t i = next_.fetch_add(1);
      if (i >= finished_.size() || stop_.load()) return;
      std::exception_ptr error;
      try {
        work_(i);
      } catch (...) {
        error = std::current_exception();  // rethrown on the calling thread
      }
      std::lock_guard<std::mutex> lock(mutex_);
      errors_[i] = error;
      finished_[i] = true;
      changed_.notify_all();
    }
  }

  // Waits for item `i`; its exception, if any.
  std::exception_ptr Wait(std::size_t i) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return finished_[i]; });
    return errors_[i];
  }

  void Stop() { stop_.store(true); }

 private:
  const std::function<void(std::size_t)>& work_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<bool> finished_;
  std::vector<std::exception_ptr> errors_;
};

void* RunWorker(void* pool) {
  static_cast<Pool*>(pool)->Work();
  return nullptr;
}

// Starts up to `n` workers with `stack_bytes` stacks; fewer when the system refuses.
std::vector<pthread_t> StartWorkers(Pool& pool, unsigned n, std::size_t stack_bytes) {
  std::vector<pthread_t> threads;
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return threads;
  if (pthread_attr_setstacksize(&attr, stack_bytes) == 0) {
    for (unsigned k = 0; k < n; ++k) {
      pthread_t thread;
      if (pthread_create(&thread, &attr, RunWorker, &pool) != 0) break;
      threads.push_back(thread);
    }
  }
  pthread_attr_destroy(&attr);
  return threads;
}

void RunSerially(std::size_t count, const std::function<void(std::size_t)>& work,
                 const std::function<void(std::size_t)>& done) {
  for (std::size_t i = 0; i < count; ++i) {
    work(i);
    done(i);
  }
}

}  // namespace

void RunInOrder(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work,
                const std::function<void(std::size_t)>& done, std::size_t stack_bytes) {
  const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(jobs, count));
  if (workers <= 1) return RunSerially(count, work, done);
  Pool pool(count, work);
  std::vector<pthread_t> threads = StartWorkers(pool, workers, stack_bytes);
  if (threads.empty()) return RunSerially(count, work, done);
  auto join = [&] {
    for (pthread_t t : threads) pthread_join(t, nullptr);
    threads.clear();
  };
  try {
    for (std::size_t i = 0; i < count; ++i) {
      if (std::exception_ptr error = pool.Wait(i)) std::rethrow_exception(error);
      done(i);
    }
  } catch (...) {
    pool.Stop();  // the workers finish the item in hand and return
    join();
    throw;
  }
  join();
}

unsigned DefaultJobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace trustlint
