/* nf-sim-link: the C peer on the sim link (see sim_link.h). */
#include "sim_link.h"

int main(int argc, char **argv)
{
    struct run_options options;
    int code = parse_options(argc, argv, &options);
    return code != 0 ? code : run_session(&options);
}
