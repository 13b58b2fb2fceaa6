/*
 * fuzz.h - what the libFuzzer harnesses under tests/fuzz/ share: the entry
 * points libFuzzer calls, a private temporary folder, writing an input to a
 * file there, and FUZZ_CHECK for invariants (a broken one aborts, which
 * libFuzzer reports as a finding and saves the input).
 */
#ifndef WFM_FUZZ_H
#define WFM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry points (declared here for -Wmissing-prototypes). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The folder for this process's temporary files, made on first use and
 * removed at exit.  Never NULL (aborts when it cannot be made). */
const char *fuzz_tmpdir(void);

/* Writes data[0..size) to path; aborts on failure. */
void fuzz_write(const char *path, const uint8_t *data, size_t size);

/* Prints "invariant broken: <why>" and aborts. */
void fuzz_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4), noreturn))
#endif
    ;

#define FUZZ_CHECK(cond, ...) \
    do { \
        if (!(cond)) \
            fuzz_fail(__FILE__, __LINE__, __VA_ARGS__); \
    } while (0)

#endif
