// Runs the scan on a thread with a large stack. Every recursive walk of trustlint has
// a depth cap sized for the default 8 MiB stack of the sanitizer build, but libz3 and
// yaml-cpp recurse in ways trustlint does not bound itself (Z3's string theory, for
// one, recurses per term); a large stack turns what would be a crash on hostile input
// into a slow answer. The stack is reserved address space, committed only as used.
#pragma once

#include <cstddef>
#include <functional>

namespace trustlint {

inline constexpr std::size_t kScanStackBytes = std::size_t{512} << 20;

// Calls `work` on a thread with a `stack_bytes` stack and returns its result; calls it
// on the current thread when such a thread cannot be made. `jobs` is the number of
// threads `work` will read files on (--jobs; 0: one per core): it sets how many
// glibc malloc arenas the process may have, which must be decided before the first
// thread allocates (glibc reads the limit once).
int RunOnLargeStack(const std::function<int()>& work, unsigned jobs = 1, std::size_t stack_bytes = kScanStackBytes);

}  // namespace trustlint
