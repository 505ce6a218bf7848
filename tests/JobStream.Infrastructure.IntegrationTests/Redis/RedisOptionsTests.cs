using JobStream.Infrastructure.Redis;

namespace JobStream.Infrastructure.IntegrationTests.Redis;

public sealed class RedisOptionsTests
{
    [TestCase("redis://localhost:6380", "localhost:6380")]
    [TestCase("redis://cache.internal", "cache.internal:6379")]
    [TestCase("redis://:s%40cret@localhost:6379/2", "localhost:6379,password=s@cret,defaultDatabase=2")]
    [TestCase("redis://user:pw@localhost:6379/0", "localhost:6379,user=user,password=pw,defaultDatabase=0")]
    [TestCase("localhost:6379,password=x", "localhost:6379,password=x")]
    [TestCase("redis+sentinel://10.0.0.1:26379,10.0.0.2:26379/jobs", "10.0.0.1:26379,10.0.0.2:26379,serviceName=jobs")]
    [TestCase("redis+sentinel://:s%40cret@sentinel:26379/jobs", "sentinel:26379,serviceName=jobs,password=s@cret")]
    public void Redis_urls_become_configuration_strings_and_other_forms_pass_through(string url, string expected)
    {
        Assert.That(RedisOptions.FromUrl(url), Is.EqualTo(expected));
    }
}
