using System.IO;
using System.Linq;
using NfIcbmsg.Devicetree.Diagnostics;
using NfIcbmsg.Devicetree.Tree;
using Xunit;

namespace NfIcbmsg.Devicetree.Tests
{
    /// <summary>The devicetree syntax real overlays use, read into the merged tree.</summary>
    public class ReaderTests
    {
        private static DtTree Read(string text)
        {
            return TestSupport.Bounded(() => DevicetreeReader.ReadText(text, "t.overlay"));
        }

        private static uint[] Cells(DtTree tree, string path, string property)
        {
            return tree.FindPath(path)!.GetProperty(property)!.AllCells()!.Select(c => c.Value).ToArray();
        }

        [Fact]
        public void Comments_version_tag_and_unit_addresses()
        {
            DtTree tree = Read("/dts-v1/;\n// line comment\n/* block\n comment */ / { node@1000 { p = <1>; /* inline */ }; };\n");
            DtNode? node = tree.FindPath("/node@1000");
            Assert.NotNull(node);
            Assert.Equal(("node", "1000"), (node.BaseName, node.UnitAddress));
            Assert.Equal(new SourceLocation("t.overlay", 4, 17), node.Location);
        }

        [Fact]
        public void Numbers_in_every_base_and_character_literals()
        {
            DtTree tree = Read("/ { p = <0x1F 0X20 017 42 0b101 7U 8UL 'a' '\\n' '\\x41' '\\101'>; };");
            Assert.Equal(new uint[] { 31, 32, 15, 42, 5, 7, 8, 97, 10, 65, 65 }, Cells(tree, "/", "p"));
        }

        [Fact]
        public void Parenthesized_arithmetic_with_c_precedence()
        {
            DtTree tree = Read("/ { p = <(1 + 2 * 3) ((1 << 4) | 1) (0xFF & ~0x0F) (7 % 4) (10 / 3) (6 ^ 3) (16 >> 2) (-1) (3 > 2) (2 >= 3) (1 == 1) (1 != 1) (1 && 0) (0 || 1) (!0) (1 ? 10 : 20) (8 - 3 - 2)>; };");
            Assert.Equal(new uint[] { 7, 17, 0xF0, 3, 3, 5, 4, 0xFFFFFFFF, 1, 0, 1, 0, 0, 1, 1, 10, 3 }, Cells(tree, "/", "p"));
        }

        [Fact]
        public void Object_like_macros_and_size_helpers_in_cells()
        {
            DtTree tree = Read("#define BASE 0x20000000\n#define SIZE (BASE + DT_SIZE_K(2))\n#define EMPTY\n/ { reg = <BASE SIZE EMPTY DT_SIZE_M(1) DT_SIZE_K(BASE - BASE + 1)>; };");
            Assert.Equal(new uint[] { 0x20000000, 0x20000800, 0x100000, 1024 }, Cells(tree, "/", "reg"));
        }

        [Fact]
        public void Macros_expand_in_values_and_can_be_undefined()
        {
            DtTree tree = Read("#define NAME \"zephyr,ipc-icbmsg\"\n/ { compatible = NAME; };\n#undef NAME\n");
            Assert.Equal("zephyr,ipc-icbmsg", tree.Root.GetProperty("compatible")!.SingleString());
        }

        [Fact]
        public void Hash_properties_are_not_directives()
        {
            DtTree tree = Read("/ {\n#address-cells = <1>;\n  #size-cells = <1>;\n};");
            Assert.Equal(1u, tree.Root.GetProperty("#address-cells")!.SingleNumber());
            Assert.Equal(1u, tree.Root.GetProperty("#size-cells")!.SingleNumber());
        }

        [Fact]
        public void Strings_string_lists_bytes_and_booleans()
        {
            DtTree tree = Read("/ { s = \"a\\\"b\\tc\"; l = \"tx\", \"rx\"; b = [00 1f A0ff]; e = []; flag; };");
            Assert.Equal("a\"b\tc", tree.Root.GetProperty("s")!.SingleString());
            Assert.Equal(new[] { "tx", "rx" }, tree.Root.GetProperty("l")!.Strings());
            Assert.Equal(new byte[] { 0x00, 0x1f, 0xa0, 0xff }, ((DtBytesValue)tree.Root.GetProperty("b")!.Values[0]).Bytes);
            Assert.Empty(((DtBytesValue)tree.Root.GetProperty("e")!.Values[0]).Bytes);
            Assert.True(tree.Root.GetProperty("flag")!.IsBoolean);
        }

        [Fact]
        public void Labels_phandles_and_phandle_arrays_resolve_forward_and_backward()
        {
            DtTree tree = Read("/ { user { one = <&late>; both = <&early 0>, <&late 1>; path = &early; byPath = <&{/early}>; }; early: early { }; late: l2: late { }; };");
            DtNode? user = tree.FindPath("/user");
            Assert.NotNull(user);
            Assert.Same(tree.FindPath("/late"), user.GetProperty("one")!.AllCells()![0].Target);
            DtCell[] both = user.GetProperty("both")!.AllCells()!.ToArray();
            Assert.Equal(new[] { "/early", null, "/late", null }, both.Select(c => c.Target?.Path));
            Assert.Equal(new uint[] { 0, 0, 0, 1 }, both.Select(c => c.Value));
            Assert.Same(tree.FindPath("/early"), ((DtReferenceValue)user.GetProperty("path")!.Values[0]).Reference.Target);
            Assert.Same(tree.FindPath("/early"), user.GetProperty("byPath")!.AllCells()![0].Target);
            Assert.Same(tree.FindPath("/late"), tree.FindLabel("l2"));
        }

        [Fact]
        public void Blocks_merge_and_later_assignments_win()
        {
            DtTree tree = Read("/ { n: node { a = <1>; b = <2>; }; };\n&n { a = <3>; c; };\n/ { node { d = \"x\"; }; };");
            DtNode? node = tree.FindPath("/node");
            Assert.NotNull(node);
            Assert.Equal(new[] { "a", "b", "c", "d" }, node.Properties.Select(p => p.Name));
            Assert.Equal(3u, node.GetProperty("a")!.SingleNumber());
            Assert.Equal(new SourceLocation("t.overlay", 2, 6), node.GetProperty("a")!.Location);
        }

        [Fact]
        public void Delete_node_and_property_including_ones_the_overlay_does_not_have()
        {
            DtTree tree = Read("/delete-node/ &ipc0;\n/ { chosen { /delete-property/ zephyr,ipc_shm; }; rm { /delete-node/ memory@20070000; }; a: gone { x; }; keep { p; q; }; };\n/ { /delete-node/ gone; keep { /delete-property/ p; }; };\n/delete-node/ &{/rm};");
            Assert.Null(tree.FindPath("/gone"));
            Assert.Null(tree.FindLabel("a"));
            Assert.Null(tree.FindPath("/rm"));
            Assert.Equal(new[] { "q" }, tree.FindPath("/keep")!.Properties.Select(p => p.Name));
            Assert.NotNull(tree.FindPath("/chosen"));
        }

        [Fact]
        public void Unresolved_label_block_makes_an_external_node()
        {
            DtTree tree = Read("&mbox { status = \"okay\"; };\n&mbox { extra; };\n/ { user { mboxes = <&mbox 0>; }; };");
            DtNode mbox = Assert.Single(tree.ExternalNodes);
            Assert.Equal("&mbox", mbox.Path);
            Assert.True(mbox.IsExternal);
            Assert.Equal(new[] { "status", "extra" }, mbox.Properties.Select(p => p.Name));
            Assert.Same(mbox, tree.FindPath("/user")!.GetProperty("mboxes")!.AllCells()![0].Target);
        }

        [Fact]
        public void Unresolved_phandle_in_mboxes_refers_to_an_external_mailbox()
        {
            DtTree tree = Read("/ { ipc { mboxes = <&ipc_mbox 0>, <&ipc_mbox 1>; }; };");
            DtNode mbox = Assert.Single(tree.ExternalNodes);
            Assert.Equal(("&ipc_mbox", "ipc_mbox"), (mbox.Path, mbox.ExternalLabel));
            Assert.All(tree.FindPath("/ipc")!.GetProperty("mboxes")!.AllCells()!.Where(c => c.IsReference), c => Assert.Same(mbox, c.Target));
        }

        [Fact]
        public void Includes_of_both_kinds_resolve_beside_the_including_file()
        {
            string dir = TestSupport.TempDirectory();
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "sub", "inner.dtsi"), "#define INNER 7\n/ { inner = <INNER>; };\n");
            File.WriteAllText(Path.Combine(dir, "common.dtsi"), "#include \"sub/inner.dtsi\"\n/ { common; };\n");
            File.WriteAllText(Path.Combine(dir, "board.overlay"), "/include/ \"common.dtsi\"\n#include \"common.dtsi\" // twice is fine\n/ { outer = <INNER>; };\n");
            DtTree tree = TestSupport.Bounded(() => DevicetreeReader.ReadFile(Path.Combine(dir, "board.overlay")));
            Assert.Equal(7u, tree.Root.GetProperty("outer")!.SingleNumber());
            Assert.Equal(7u, tree.Root.GetProperty("inner")!.SingleNumber());
            Assert.EndsWith("sub/inner.dtsi", tree.Root.GetProperty("inner")!.Location.File);
            Assert.Equal(2, tree.Root.GetProperty("inner")!.Location.Line);
        }

        [Fact]
        public void Duplicate_property_in_one_block_is_reported_with_both_places()
        {
            DtTree tree = Read("/ {\n  n {\n    a = <1>;\n    a = <2>;\n  };\n};");
            Diagnostic duplicate = Assert.Single(tree.Diagnostics);
            Assert.Equal("t.overlay:4:5: error: node /n, property 'a': duplicate property: already assigned at t.overlay:3:5 in the same block; keep one assignment", duplicate.ToString());
            Assert.Equal(2u, tree.FindPath("/n")!.GetProperty("a")!.SingleNumber());
        }

        [Fact]
        public void Duplicate_node_in_one_block_is_reported()
        {
            DtTree tree = Read("/ {\n  n { };\n  n { };\n};");
            Assert.Equal("t.overlay:3:3: error: node /n: duplicate node: already defined at t.overlay:2:3 in the same block; merge the two", Assert.Single(tree.Diagnostics).ToString());
        }

        [Fact]
        public void Line_continuations_in_defines()
        {
            DtTree tree = Read("#define LONG (1 + \\\n 2)\n/ { p = <LONG>; };");
            Assert.Equal(3u, tree.Root.GetProperty("p")!.SingleNumber());
        }
    }
}
