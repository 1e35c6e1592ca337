using System;
using System.Collections.Generic;
using ImpactEmploi.Probing.SystemProxy;
using ImpactEmploi.Tests.Diagnosis;
using Xunit;

namespace ImpactEmploi.Tests.Probing.SystemProxy
{
    public class UserProxyResolverTests
    {
        private static readonly Uri Urssaf = new Uri("https://impact-emploi.urssaf.fr/");

        private sealed class FakeReader : IConsoleUserSettingsReader
        {
            private readonly ConsoleUserSettings? _user;
            public FakeReader(ConsoleUserSettings? user) => _user = user;
            public int Reads { get; private set; }

            public ConsoleUserSettings? Read()
            {
                Reads++;
                return _user;
            }
        }

        private sealed class FakePac : IPacEvaluator
        {
            private readonly Func<Uri?, PacResult> _answer;
            public FakePac(Func<Uri?, PacResult> answer) => _answer = answer;
            public List<Uri?> Scripts { get; } = new List<Uri?>();

            public PacResult Evaluate(Uri target, Uri? scriptAddress)
            {
                Scripts.Add(scriptAddress);
                return _answer(scriptAddress);
            }
        }

        private sealed class FakeChallenge : IProxyChallenge
        {
            private readonly bool _asks;
            public FakeChallenge(bool asks) => _asks = asks;
            public bool RequiresCredentials(Uri proxy, Uri target) => _asks;
        }

        private static readonly FakePac NoPac = new FakePac(_ => throw new InvalidOperationException("No PAC script should be evaluated."));

        private static UserProxyResolver Resolver(InternetSettings settings, IPacEvaluator? pac = null, bool proxyAsksCredentials = false) =>
            new UserProxyResolver(new FakeReader(new ConsoleUserSettings(@"ASSO\marie", settings, null)), pac ?? NoPac,
                new FakeChallenge(proxyAsksCredentials), @"NT AUTHORITY\SYSTEM");

        [Fact]
        public void Nobody_logged_on_is_Unknown_with_the_reason()
        {
            using var culture = new UICulture("en-US");
            var decision = new UserProxyResolver(new FakeReader(null), NoPac, new FakeChallenge(false), "SYSTEM").Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Unknown, decision.Kind);
            Assert.StartsWith("Nobody is logged on to this PC", decision.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Settings_that_cannot_be_read_are_Unknown_naming_the_user_and_the_problem()
        {
            using var culture = new UICulture("fr-FR");
            var reader = new FakeReader(new ConsoleUserSettings(@"ASSO\marie", null, "ruche non chargée"));
            var decision = new UserProxyResolver(reader, NoPac, new FakeChallenge(false), "SYSTEM").Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Unknown, decision.Kind);
            Assert.Contains(@"ASSO\marie", decision.Reason, StringComparison.Ordinal);
            Assert.Contains("ruche non chargée", decision.Reason, StringComparison.Ordinal);
            Assert.Contains("n'ont pas pu être lus", decision.Reason, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(false, "proxy.asso.local:8080")]
        [InlineData(true, "")]
        [InlineData(true, null)]
        public void No_manual_proxy_in_use_is_Direct(bool enable, string? server)
        {
            var decision = Resolver(new InternetSettings { ProxyEnable = enable, ProxyServer = server }).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Direct, decision.Kind);
        }

        [Theory]
        [InlineData("proxy.asso.local:8080", "https://impact-emploi.urssaf.fr/", "http://proxy.asso.local:8080/")]
        [InlineData("proxy.asso.local", "https://impact-emploi.urssaf.fr/", "http://proxy.asso.local/")]
        [InlineData("http=web:3128;https=secure:8443", "https://impact-emploi.urssaf.fr/", "http://secure:8443/")]
        [InlineData("http=web:3128;https=secure:8443", "http://impact-emploi.urssaf.fr/", "http://web:3128/")]
        [InlineData("HTTPS=http://secure:8443 ftp=f:21", "https://impact-emploi.urssaf.fr/", "http://secure:8443/")]
        public void The_manual_proxy_for_the_scheme_is_chosen(string server, string target, string expected)
        {
            var decision = Resolver(new InternetSettings { ProxyEnable = true, ProxyServer = server }).Resolve(new Uri(target));
            Assert.Equal(SystemProxyKind.Proxy, decision.Kind);
            Assert.Equal(new Uri(expected), decision.Proxy);
            Assert.Contains(@"ASSO\marie", decision.Source, StringComparison.Ordinal);
        }

        [Fact]
        public void A_scheme_without_its_own_entry_goes_direct_but_a_socks_fallback_is_Unknown()
        {
            Assert.Equal(SystemProxyKind.Direct, Resolver(new InternetSettings { ProxyEnable = true, ProxyServer = "http=web:3128;ftp=f:21" }).Resolve(Urssaf).Kind);
            var socks = Resolver(new InternetSettings { ProxyEnable = true, ProxyServer = "http=web:3128;socks=s:1080" }).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Unknown, socks.Kind);
            Assert.Contains("socks=s:1080", socks.Reason, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("*.urssaf.fr", "https://impact-emploi.urssaf.fr/", true)]
        [InlineData("*.urssaf.fr;<local>", "https://services.net-entreprises.fr/", false)]
        [InlineData("<local>", "https://intranet/", true)]
        [InlineData("<local>", "https://intranet.asso/", false)]
        [InlineData("<local>", "https://10.1.2.3/", false)]
        [InlineData("10.*", "https://10.1.2.3/", true)]
        [InlineData("IMPACT-EMPLOI.URSSAF.FR", "https://impact-emploi.urssaf.fr/", true)]
        [InlineData("impact-emploi.urssaf.fr:8443", "https://impact-emploi.urssaf.fr/", false)]
        [InlineData("impact-emploi.urssaf.fr:8443", "https://impact-emploi.urssaf.fr:8443/", true)]
        [InlineData("https://*.urssaf.fr", "https://impact-emploi.urssaf.fr/", true)]
        [InlineData("http://*.urssaf.fr", "https://impact-emploi.urssaf.fr/", false)]
        [InlineData("", "https://127.0.0.1:8443/", true)]
        [InlineData("", "https://localhost/", true)]
        public void Exceptions_of_ProxyOverride_bypass_the_proxy(string overrides, string target, bool bypassed)
        {
            var decision = Resolver(new InternetSettings { ProxyEnable = true, ProxyServer = "p:3128", ProxyOverride = overrides }).Resolve(new Uri(target));
            Assert.Equal(bypassed ? SystemProxyKind.Direct : SystemProxyKind.Proxy, decision.Kind);
        }

        [Theory]
        [InlineData("PROXY pac-proxy:3128; DIRECT", "http://pac-proxy:3128/")]
        [InlineData("pac-proxy:3128;other:80", "http://pac-proxy:3128/")]
        [InlineData("SOCKS s:1080; PROXY second:8080", "http://second:8080/")]
        public void A_PAC_script_answer_is_followed(string answer, string expected)
        {
            var pac = new FakePac(_ => PacResult.Through(answer));
            var decision = Resolver(new InternetSettings { AutoConfigUrl = "http://wpad.asso.local/proxy.pac", ProxyEnable = true, ProxyServer = "manual:1" }, pac).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Proxy, decision.Kind);
            Assert.Equal(new Uri(expected), decision.Proxy);
            Assert.Equal(new Uri("http://wpad.asso.local/proxy.pac"), Assert.Single(pac.Scripts));
        }

        [Fact]
        public void A_PAC_script_that_fails_is_Unknown_naming_it()
        {
            using var culture = new UICulture("en-US");
            var pac = new FakePac(_ => PacResult.Failed("WinHTTP error 12167: download failed"));
            var decision = Resolver(new InternetSettings { AutoConfigUrl = "http://wpad.asso.local/proxy.pac" }, pac).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Unknown, decision.Kind);
            Assert.Contains("http://wpad.asso.local/proxy.pac", decision.Reason, StringComparison.Ordinal);
            Assert.Contains("12167", decision.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_PAC_address_that_is_not_an_address_is_Unknown()
        {
            var decision = Resolver(new InternetSettings { AutoConfigUrl = "not an address" }).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Unknown, decision.Kind);
            Assert.Contains("not an address", decision.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Automatic_detection_comes_first_and_falls_back_to_the_script_then_the_manual_proxy_when_it_finds_nothing()
        {
            var pac = new FakePac(script => script is null ? PacResult.NoScriptFound() : PacResult.Direct());
            var withScript = Resolver(new InternetSettings { AutoDetect = true, AutoConfigUrl = "http://pac/p.pac" }, pac).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Direct, withScript.Kind);
            Assert.Equal(new Uri?[] { null, new Uri("http://pac/p.pac") }, pac.Scripts);

            var manual = Resolver(new InternetSettings { AutoDetect = true, ProxyEnable = true, ProxyServer = "manual:8080" },
                new FakePac(_ => PacResult.NoScriptFound())).Resolve(Urssaf);
            Assert.Equal(new Uri("http://manual:8080/"), manual.Proxy);

            var detected = Resolver(new InternetSettings { AutoDetect = true, ProxyEnable = true, ProxyServer = "manual:8080" },
                new FakePac(_ => PacResult.Through("PROXY wpad-proxy:3128"))).Resolve(Urssaf);
            Assert.Equal(new Uri("http://wpad-proxy:3128/"), detected.Proxy);

            var failed = Resolver(new InternetSettings { AutoDetect = true, ProxyEnable = true, ProxyServer = "manual:8080" },
                new FakePac(_ => PacResult.Failed("script error"))).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Unknown, failed.Kind);
        }

        [Fact]
        public void A_proxy_that_asks_for_credentials_is_Unknown_never_tested_as_the_service_account()
        {
            using var culture = new UICulture("en-US");
            var decision = Resolver(new InternetSettings { ProxyEnable = true, ProxyServer = "proxy.asso.local:8080" }, proxyAsksCredentials: true).Resolve(Urssaf);
            Assert.Equal(SystemProxyKind.Unknown, decision.Kind);
            Assert.Null(decision.Proxy);
            Assert.Contains("proxy.asso.local:8080", decision.Reason, StringComparison.Ordinal);
            Assert.Contains(@"NT AUTHORITY\SYSTEM", decision.Reason, StringComparison.Ordinal);
            Assert.Contains(@"ASSO\marie", decision.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void The_user_settings_are_read_once_for_every_server()
        {
            var reader = new FakeReader(new ConsoleUserSettings("u", new InternetSettings(), null));
            var resolver = new UserProxyResolver(reader, NoPac, new FakeChallenge(false), "SYSTEM");
            resolver.Resolve(Urssaf);
            resolver.Resolve(new Uri("https://services.net-entreprises.fr/"));
            Assert.Equal(1, reader.Reads);
        }

        [Theory]
        [InlineData(false, false, false)]
        [InlineData(false, true, false)]
        [InlineData(true, false, false)]
        [InlineData(true, true, true)]
        public void The_console_user_resolver_is_chosen_only_on_Windows_away_from_the_user(bool isWindows, bool detached, bool forUser)
        {
            var user = Resolver(new InternetSettings());
            var chosen = SystemProxyResolvers.Choose(isWindows, detached, () => user);
            if (forUser) Assert.Same(user, chosen);
            else Assert.IsType<RuntimeProxyResolver>(chosen);
        }

        [SkippableFact]
        [Trait("Category", "Windows")]
        public void On_Windows_the_resolver_of_this_process_answers_for_the_servers()
        {
            Skip.IfNot(OperatingSystem.IsWindows(), "Session, registry and WinHTTP calls exist only on Windows.");
            var decision = SystemProxyResolvers.ForThisProcess().Resolve(Urssaf);
            Assert.True(decision.Kind != SystemProxyKind.Unknown || !string.IsNullOrEmpty(decision.Reason));
            var user = new WindowsConsoleUserSettingsReader().Read();
            Assert.True(user is null || user.Settings != null || !string.IsNullOrEmpty(user.Problem));
            var pac = new WinHttpPacEvaluator().Evaluate(Urssaf, new Uri("http://127.0.0.1:1/none.pac"));
            Assert.Equal(PacOutcome.Failed, pac.Outcome);
        }
    }
}
