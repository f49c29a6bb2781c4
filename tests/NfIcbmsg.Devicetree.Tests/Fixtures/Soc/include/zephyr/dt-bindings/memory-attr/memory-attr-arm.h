/*
 * Test fixture: a stand-in for the Zephyr header of the same path, written for these tests:
 * an include guard, a function-like macro and object-like attribute values.
 */

#ifndef NF_TEST_MEMORY_ATTR_ARM_H
#define NF_TEST_MEMORY_ATTR_ARM_H

#define DT_MEM_ARM_SHIFT	20
#define DT_MEM_ARM(x)		((x) << DT_MEM_ARM_SHIFT)

#define ATTR_MPU_RAM		0x0
#define ATTR_MPU_RAM_NOCACHE	0x1

#ifdef NF_TEST_NEVER_DEFINED
#error "this branch is skipped"
#else
#define ATTR_MPU_FLASH		0x2
#endif

#endif
