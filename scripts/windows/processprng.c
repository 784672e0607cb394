/* A stand-in bcryptprimitives.dll for Wine 8, which lacks ProcessPrng: Rust's standard library (HashMap seeds,
 * temporary names) calls it on Windows 10 and later. Built by scripts/windows-check.sh with mingw and put beside
 * the test copy of cchc.exe in a temporary folder only; real Windows has the function and never sees this file.
 */
#include <windows.h>

/* RtlGenRandom, which Wine implements; exported by advapi32 under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
