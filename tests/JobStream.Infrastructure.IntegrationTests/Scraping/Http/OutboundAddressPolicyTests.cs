using System.Net;
using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.IntegrationTests.Scraping.Http;

// Pure decisions on address values: nothing here opens a connection.
public sealed class OutboundAddressPolicyTests
{
    private static readonly OutboundAddressPolicy Production = Policy();

    [TestCase("127.0.0.1")]
    [TestCase("10.1.2.3")]
    [TestCase("172.20.0.1")]
    [TestCase("192.168.0.10")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.251")]
    [TestCase("255.255.255.255")]
    [TestCase("::1")]
    [TestCase("fe80::1")]
    [TestCase("fd00::1")]
    [TestCase("ff02::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("::127.0.0.1")]
    [TestCase("::ffff:0:a00:1")]
    [TestCase("64:ff9b::a00:1")]
    [TestCase("64:ff9b:1::1")]
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [TestCase("2002:a00:1::1")]
    [TestCase("fec0::1")]
    [TestCase("::")]
    public void Non_public_addresses_are_refused(string address)
    {
        Assert.That(Production.IsAllowed(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("93.184.215.14")]
    [TestCase("151.101.1.69")]
    [TestCase("2606:4700:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.That(Production.IsAllowed(IPAddress.Parse(address)), Is.True);
    }

    [Test]
    public void The_allow_list_opens_exactly_what_it_names()
    {
        var policy = Policy("127.0.0.1", "::1");

        Assert.That(policy.IsAllowed(IPAddress.Parse("127.0.0.1")), Is.True);
        Assert.That(policy.IsAllowed(IPAddress.Parse("::1")), Is.True);
        Assert.That(policy.IsAllowed(IPAddress.Parse("127.0.0.2")), Is.False);
        Assert.That(policy.IsAllowed(IPAddress.Parse("10.0.0.1")), Is.False);
    }

    [TestCase(80, true)]
    [TestCase(443, true)]
    [TestCase(22, false)]
    [TestCase(6379, false)]
    [TestCase(8080, false)]
    public void Only_the_web_ports_are_allowed_unless_configured(int port, bool allowed)
    {
        Assert.That(Production.IsAllowedPort(port), Is.EqualTo(allowed));
    }

    [Test]
    public void Configured_ports_replace_the_web_ports()
    {
        var options = new HttpScraperOptions();
        options.AllowedPorts.Add(8443);
        var policy = new OutboundAddressPolicy(Options.Create(options), new DnsHostAddressResolver());

        Assert.That(policy.IsAllowedPort(8443), Is.True);
        Assert.That(policy.IsAllowedPort(443), Is.False);
    }

    private static OutboundAddressPolicy Policy(params string[] allowed)
    {
        var options = new HttpScraperOptions();
        foreach (var network in allowed)
        {
            options.AllowedNetworks.Add(network);
        }
        return new OutboundAddressPolicy(Options.Create(options), new DnsHostAddressResolver());
    }
}
