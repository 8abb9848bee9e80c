// frontline-fuzz: the executable around the FrontlineFuzz library.
//
// main is weak on purpose: built with `-sanitize=fuzzer`, libFuzzer links its
// own (strong) main, which drives LLVMFuzzerTestOneInput (in FrontlineFuzz);
// in a plain build this one runs the mutation loop. One binary, no flag.
extern int frontline_fuzz_main(int argc, char **argv);

__attribute__((weak)) int main(int argc, char **argv) {
    return frontline_fuzz_main(argc, argv);
}
