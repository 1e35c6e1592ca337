using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using ImpactEmploi.Resources;
using ImpactEmploi.Storage;

namespace ImpactEmploi.Support
{
    /// <summary>
    /// Writes a request as an unsent RFC 5322 message (.eml) that Outlook and Thunderbird open as a draft.
    /// </summary>
    /// <remarks>
    /// Hand-written on purpose, after trying System.Net.Mail's pickup-directory delivery on .NET 10: it refuses a
    /// message without From (a draft's sender is the mail client's account), replaces our Date with the current
    /// time, adds X-Sender/X-Receiver, and quoted-printable-encodes the body's line breaks as =0D=0A. A plain-text
    /// draft needs only a few headers, an RFC 2047 subject and a base64 body.
    /// </remarks>
    public static class EmlWriter
    {
        private const string CrLf = "\r\n";
        private static readonly Regex LineBreaks = new Regex("\r\n|\r|\n", RegexOptions.CultureInvariant);

        /// <summary>
        /// Writes <paramref name="request"/> to <paramref name="path"/> (replaced atomically if it exists) and sets
        /// request.OutFile to its full path. <paramref name="from"/> is optional: without it the mail client fills it.
        /// </summary>
        /// <exception cref="ArgumentException">To or from is not a plain ASCII e-mail address.</exception>
        /// <exception cref="IOException">The file cannot be written (also: held open by another program).</exception>
        /// <exception cref="UnauthorizedAccessException">The file or its folder may not be written.</exception>
        public static void Write(IeaSupportRequest request, string path, string? from)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException(Text.Get("SupportPathRequired"), nameof(path));

            string target = Path.GetFullPath(path);
            try
            {
                AtomicFile.Replace(target, ToBytes(request, from));
            }
            catch (IeaException e) when (e.InnerException is IOException || e.InnerException is UnauthorizedAccessException)
            {
                // AtomicFile's ids speak of a settings file; a mail draft's caller reports its own (SupportRequestNotWritten).
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }

            request.OutFile = target;
        }

        /// <summary>The message's bytes: ASCII headers, CRLF line endings, UTF-8 body in base64.</summary>
        public static byte[] ToBytes(IeaSupportRequest request, string? from)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var message = new StringBuilder();
            message.Append("X-Unsent: 1").Append(CrLf);
            if (!string.IsNullOrWhiteSpace(from))
                message.Append("From: ").Append(PlainAddress(from!, nameof(from))).Append(CrLf);
            message.Append("To: ").Append(PlainAddress(request.To, nameof(request))).Append(CrLf);
            message.Append("Subject: ").Append(EncodeHeaderText(request.Subject)).Append(CrLf);
            message.Append("Date: ").Append(RfcDate(request.CreatedAt)).Append(CrLf);
            message.Append("MIME-Version: 1.0").Append(CrLf);
            message.Append("Content-Type: text/plain; charset=utf-8").Append(CrLf);
            message.Append("Content-Transfer-Encoding: base64").Append(CrLf);
            message.Append(CrLf);

            string body = LineBreaks.Replace(request.Body ?? "", CrLf);
            string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
            for (int i = 0; i < encoded.Length; i += 76)
                message.Append(encoded, i, Math.Min(76, encoded.Length - i)).Append(CrLf);
            return Encoding.ASCII.GetBytes(message.ToString());
        }

        /// <summary>
        /// The text as is when it is printable ASCII, else RFC 2047 encoded-words (UTF-8, base64), each at most
        /// 75 characters and never splitting a character, folded onto continuation lines.
        /// </summary>
        internal static string EncodeHeaderText(string? text)
        {
            string value = new string((text ?? "").Select(c => char.IsControl(c) ? ' ' : c).ToArray());
            if (value.All(c => c >= ' ' && c <= '~') && !value.Contains("=?")) return value;

            // 39 bytes -> 52 base64 characters + 12 for "=?utf-8?B?" and "?=": with "Subject: " a line stays under 76.
            const int maxBytes = 39;
            var words = new StringBuilder();
            int start = 0;
            while (start < value.Length)
            {
                int end = start;
                int bytes = 0;
                while (end < value.Length)
                {
                    int width = char.IsHighSurrogate(value[end]) && end + 1 < value.Length ? 2 : 1;
                    int size = Encoding.UTF8.GetByteCount(value.ToCharArray(end, width));
                    if (bytes + size > maxBytes) break;
                    bytes += size;
                    end += width;
                }
                if (words.Length > 0) words.Append(CrLf).Append(' ');
                words.Append("=?utf-8?B?")
                    .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(value.Substring(start, end - start))))
                    .Append("?=");
                start = end;
            }
            return words.ToString();
        }

        internal static string RfcDate(DateTimeOffset date)
        {
            TimeSpan offset = date.Offset;
            string sign = offset < TimeSpan.Zero ? "-" : "+";
            offset = offset.Duration();
            return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
                + sign + offset.Hours.ToString("00", CultureInfo.InvariantCulture)
                + offset.Minutes.ToString("00", CultureInfo.InvariantCulture);
        }

        private static string PlainAddress(string address, string paramName)
        {
            string trimmed = (address ?? "").Trim();
            bool plain;
            try
            {
                plain = trimmed.Length > 0 && trimmed.All(c => c > ' ' && c <= '~')
                    && new MailAddress(trimmed).Address == trimmed;
            }
            catch (FormatException)
            {
                plain = false;
            }
            if (!plain) throw new ArgumentException(Text.Format("SupportInvalidAddress", trimmed), paramName);
            return trimmed;
        }
    }
}
