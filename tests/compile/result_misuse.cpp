// Compiled by CTest with -Werror=unused-result, once as written (it must compile) and once per misuse (each
// must not): an ignored Status or Result, and a reason returned as a Result<std::string> value.
#include "chainatlas/base/diagnostics.hpp"

using namespace chainatlas;

Status write() { return Status::success(); }
Result<int> lookUp() { return 1; }

#if defined(REASON_AS_VALUE)
Result<std::string> read() { return "no such file"; }
#else
Result<std::string> read() { return Error{ErrorCode::NotFound, "no such file"}; }
#endif

int main() {
#if defined(IGNORED_STATUS)
    write();
#elif defined(IGNORED_RESULT)
    lookUp();
#else
    (void)write();  // discarded on purpose, and said so
    if (!lookUp()) return 1;
#endif
    return read() ? 1 : 0;
}
