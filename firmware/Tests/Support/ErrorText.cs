using nanoFramework.TestFramework;

namespace NfIcbmsg.Tests.Support
{
    /// <summary>Checks that an error message names the offending value as a number of its own, not as part of a longer one.</summary>
    public static class ErrorText
    {
        /// <summary>Fails unless <paramref name="error"/> contains <paramref name="value"/> with no digit (or minus sign) glued to it.</summary>
        public static void AssertMentions(string error, int value)
        {
            Assert.IsNotNull(error, "an error message was expected");
            string number = value.ToString();
            int from = 0;
            while (true)
            {
                int at = error.IndexOf(number, from);
                if (at < 0)
                {
                    Assert.IsTrue(false, "\"" + error + "\" does not mention " + number);
                }

                bool before = at == 0 || !IsNumberChar(error[at - 1]);
                bool after = at + number.Length == error.Length || !IsDigit(error[at + number.Length]);
                if (before && after)
                {
                    return;
                }

                from = at + 1;
            }
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private static bool IsNumberChar(char c)
        {
            return IsDigit(c) || c == '-';
        }
    }
}
