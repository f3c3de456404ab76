from agentbench.cli.main import main

main()
