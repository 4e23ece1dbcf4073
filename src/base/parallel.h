// Work over independent items on several threads, with results taken in item
// order, so that nothing downstream depends on which thread finished first.
#pragma once

#include <cstddef>
#include <functional>

namespace trustlint {

// Stack of each worker thread: the front ends and libz3 recurse on hostile input
// in ways trustlint does not bound itself (app/large_stack.h), so a worker needs
// the same stack as the scan thread. Reserved address space, committed as used.
inline constexpr std::size_t kWorkerStackBytes = std::size_t{512} << 20;

// Calls `work(i)` for every i in [0, count) on up to `jobs` worker threads, and
// `done(i)` on the calling thread for i = 0, 1, ... each once `work(i)` has
// returned. With `jobs` <= 1 (or one item) no thread is made: work(0), done(0),
// work(1), done(1)... on the calling thread. `work` must touch only its own item's
// state; `done` may touch anything. An exception from `work(i)` is rethrown on the
// calling thread in place of done(i), once every worker has stopped.
void RunInOrder(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work,
                const std::function<void(std::size_t)>& done, std::size_t stack_bytes = kWorkerStackBytes);

// The --jobs default: the number of cores, at least 1.
unsigned DefaultJobs();

}  // namespace trustlint
